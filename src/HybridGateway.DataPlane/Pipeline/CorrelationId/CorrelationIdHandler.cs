using System.Globalization;
using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.CorrelationId;

namespace HybridGateway.DataPlane.Pipeline.CorrelationId;

/// <summary>
/// correlation-id's access phase, as Kong's: a request without the header (or with it empty) gets
/// a new id upstream: a random UUID (<c>uuid</c>), or this process's UUID and a counter
/// (<c>uuid#counter</c>). With echo_downstream the id is also sent back to the client.
/// </summary>
public sealed class CorrelationIdHandler : PluginHandler
{
    private static readonly string ProcessId = Guid.NewGuid().ToString();
    private static long _counter;

    private readonly string _headerName;
    private readonly bool _counterIds;
    private readonly bool _echoDownstream;

    public CorrelationIdHandler(Plugin plugin, CorrelationIdConfig config)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        _headerName = config.HeaderName;
        _counterIds = config.Generator == "uuid#counter";
        _echoDownstream = config.EchoDownstream;
    }

    public override ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http;
        var id = http.Request.Headers.TryGetValue(_headerName, out var sent) && sent.Count > 0 ? sent[0] ?? "" : "";
        if (id.Length == 0)
        {
            id = _counterIds
                ? ProcessId + "#" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture)
                : Guid.NewGuid().ToString();
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
}
