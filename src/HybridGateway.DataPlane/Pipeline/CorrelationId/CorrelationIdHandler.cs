using System.Globalization;
using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.CorrelationId;

namespace HybridGateway.DataPlane.Pipeline.CorrelationId;

/// <summary>
/// correlation-id's access phase, as Kong's: a request without the header (or with it empty) gets
/// a new id upstream: a random UUID (<c>uuid</c>), or this process's UUID and a counter
/// (<c>uuid#counter</c>), or Kong's <c>tracker</c>: server address, server port, process id,
/// connection, the request's number on that connection and the time
/// (<c>127.0.0.1-8000-4242-0HNABC-3-1795824880.123</c>). With echo_downstream the id is also sent
/// back to the client.
/// </summary>
public sealed class CorrelationIdHandler : PluginHandler
{
    private static readonly string ProcessId = Guid.NewGuid().ToString();
    private static long _counter;

    private readonly string _headerName;
    private readonly string _generator;
    private readonly bool _echoDownstream;

    public CorrelationIdHandler(Plugin plugin, CorrelationIdConfig config)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        _headerName = config.HeaderName;
        _generator = config.Generator;
        _echoDownstream = config.EchoDownstream;
    }

    public override ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http;
        var id = http.Request.Headers.TryGetValue(_headerName, out var sent) && sent.Count > 0 ? sent[0] ?? "" : "";
        if (id.Length == 0)
        {
            id = _generator switch
            {
                "uuid#counter" => ProcessId + "#" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture),
                "tracker" => Tracker(http),
                _ => Guid.NewGuid().ToString(),
            };
            http.Request.Headers[_headerName] = id;
        }
        if (_echoDownstream)
        {
            var name = _headerName;
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[name] = id;
                return Task.CompletedTask;
            });
        }
        return ValueTask.FromResult(true);
    }

    private static readonly object RequestsOnConnection = new();

    private static string Tracker(HttpContext http)
    {
        var connection = http.Connection;
        var requests = 1;
        if (http.Features.Get<Microsoft.AspNetCore.Connections.Features.IConnectionItemsFeature>()?.Items is { } items)
        {
            requests = items.TryGetValue(RequestsOnConnection, out var seen) && seen is int count ? count + 1 : 1;
            items[RequestsOnConnection] = requests;
        }
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{connection.LocalIpAddress}-{connection.LocalPort}-{Environment.ProcessId}-{connection.Id}-{requests}-{now:0.000}");
    }
}
