using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.AccessLog;

namespace HybridGateway.DataPlane.Pipeline.Logging;

/// <summary>
/// The log phase of file-log and http-log: nothing in the access phase; once the request is
/// answered, its entry (Kong's serializer) is made and queued. The request never waits for the sink.
/// </summary>
public sealed class SerializedLogHandler(Plugin plugin, LogQueue queue) : PluginHandler(plugin)
{
    public override bool HasLogPhase => true;

    public override ValueTask<bool> AccessAsync(PluginRequest request) => ValueTask.FromResult(true);

    public override void Log(HttpContext http, ProxyOutcome outcome, double totalMs) =>
        queue.Add(KongLogSerializer.Serialize(http, outcome, totalMs));
}
