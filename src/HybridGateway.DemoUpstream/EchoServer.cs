using System.Globalization;
using System.Text.Json.Nodes;

namespace HybridGateway.DemoUpstream;

/// <summary>
/// A small upstream for demos and tests: answers every request with what it received (method,
/// path, query, headers, body size) as JSON. /delay/{ms} answers late; /status/{code} answers with that status.
/// </summary>
public static class EchoServer
{
    public static WebApplication Build(string name, string listen, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://" + listen);
        var app = builder.Build();
        app.Run(context => RespondAsync(context, name));
        return app;
    }

    private static async Task RespondAsync(HttpContext context, string name)
    {
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && segments[^2] == "delay" && int.TryParse(segments[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var delay))
        {
            await Task.Delay(Math.Min(delay, 120_000), context.RequestAborted);
        }
        if (segments.Length >= 2 && segments[^2] == "status" && int.TryParse(segments[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 200 and <= 599)
        {
            context.Response.StatusCode = status;
        }
        long bodyLength = 0;
        var buffer = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            bodyLength += read;
        }
        var headers = new JsonObject();
        foreach (var (key, value) in context.Request.Headers)
        {
            headers[key.ToLowerInvariant()] = value.ToString();
        }
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["server"] = name,
            ["method"] = context.Request.Method,
            ["path"] = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget.Split('?')[0] ?? path,
            ["query"] = context.Request.QueryString.Value,
            ["host"] = context.Request.Host.Value,
            ["headers"] = headers,
            ["body_length"] = bodyLength,
        }, context.RequestAborted);
    }
}
