using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>An HTTP log endpoint on a free loopback port: keeps every request it gets, and answers 500 to the first <see cref="FailFirst"/>.</summary>
public sealed class LogCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _seen;

    private LogCollector(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public int FailFirst { get; set; }

    public ConcurrentQueue<ReceivedLog> Received { get; } = new();

    public static async Task<LogCollector> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var collector = new LogCollector(app, "http://127.0.0.1:" + port);
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (Interlocked.Increment(ref collector._seen) <= collector.FailFirst)
            {
                http.Response.StatusCode = 500;
                return;
            }
            collector.Received.Enqueue(new ReceivedLog(http.Request.Method, http.Request.Path.Value ?? "",
                http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
        });
        await app.StartAsync();
        return collector;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

public sealed record ReceivedLog(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
