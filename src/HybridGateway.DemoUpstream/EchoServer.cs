using System.Globalization;
using System.Text.Json.Nodes;

namespace HybridGateway.DemoUpstream;

/// <summary>
/// A small upstream for demos and tests: answers every request with what it received (method,
/// path, query, headers, body size and its first 4 KiB) as JSON. /delay/{ms} answers late; /status/{code} answers with that status.
/// To try health checks, <c>POST /_demo/fault/{code}</c> makes every other request answer that
/// status, <c>POST /_demo/fault/hang</c> makes them wait until the client gives up, and
/// <c>POST /_demo/fault/off</c> ends the fault.
/// </summary>
public static class EchoServer
{
    private const string FaultPath = "/_demo/fault/";
    private const int EchoedBody = 4096;
    public static WebApplication Build(string name, string listen, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://" + listen);
        var app = builder.Build();
        var fault = new Fault();
        app.Run(context => context.Request.Path.StartsWithSegments("/_demo/fault") ? SetFaultAsync(context, fault) : RespondAsync(context, name, fault));
        return app;
    }

    private static Task SetFaultAsync(HttpContext context, Fault fault)
    {
        var what = (context.Request.Path.Value ?? "").Length > FaultPath.Length ? context.Request.Path.Value![FaultPath.Length..] : "";
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        }
        else if (what == "off" || what == "hang")
        {
            fault.Status = what == "hang" ? Fault.Hang : 0;
        }
        else if (int.TryParse(what, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 200 and <= 599)
        {
            fault.Status = status;
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsync("expected /_demo/fault/{status 200-599|hang|off}");
        }
        return Task.CompletedTask;
    }

    private static async Task RespondAsync(HttpContext context, string name, Fault fault)
    {
        switch (fault.Status)
        {
            case Fault.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case > 0:
                context.Response.StatusCode = fault.Status;
                await context.Response.WriteAsync("fault set by /_demo/fault", context.RequestAborted);
                return;
        }
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
        var start = new MemoryStream();
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            bodyLength += read;
            start.Write(buffer, 0, (int)Math.Min(read, Math.Max(0, EchoedBody - start.Length)));
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
            ["body"] = System.Text.Encoding.UTF8.GetString(start.ToArray()),
        }, context.RequestAborted);
    }

    private sealed class Fault
    {
        public const int Hang = -1;
        private int _status;

        public int Status
        {
            get => Volatile.Read(ref _status);
            set => Volatile.Write(ref _status, value);
        }
    }
}
