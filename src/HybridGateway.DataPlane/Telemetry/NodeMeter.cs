using System.Diagnostics.Metrics;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Cache;
using HybridGateway.DataPlane.Pipeline.RateLimiting;
using HybridGateway.DataPlane.Runtime;
using HybridGateway.DataPlane.Sync;

namespace HybridGateway.DataPlane.Telemetry;

/// <summary>
/// The node's own OpenTelemetry metrics, read when the exporter collects: the config version served
/// and its age, whether the sync stream is up, cache writes, access-log lines and rate-limit
/// decisions. Created only when metrics are exported.
/// </summary>
public sealed class NodeMeter
{
    public NodeMeter(IMeterFactory meters, RuntimeHolder holder, SyncStatus sync, CacheWriter cache, AccessLogWriter accessLog,
        RateLimitingRuntime rateLimiting, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(ProxyMeter.MeterName, HybridGateway.Sync.SyncProtocol.SoftwareVersion);
        meter.CreateObservableGauge("hybridgateway.config.version", () => holder.Details?.Config.Version ?? 0, "{version}",
            "The config version this node serves");
        meter.CreateObservableGauge("hybridgateway.config.age", () => holder.Details is { } d ? (clock.GetUtcNow() - d.AppliedAt).TotalSeconds : 0, "s",
            "Seconds since this node applied the config it serves");
        meter.CreateObservableGauge("hybridgateway.control_plane.connected", () => sync.Connected ? 1 : 0, "1",
            "1 while the sync stream to the control plane is up");
        meter.CreateObservableCounter("hybridgateway.cache.writes", () => new[]
        {
            new Measurement<long>(cache.Writes, new KeyValuePair<string, object?>("outcome", "written")),
            new Measurement<long>(cache.Failures, new KeyValuePair<string, object?>("outcome", "failed")),
        }, "{write}", "Configs written to the last-good-config cache");
        meter.CreateObservableCounter("hybridgateway.access_log.lines", () => new[]
        {
            new Measurement<long>(accessLog.Written, new KeyValuePair<string, object?>("outcome", "written")),
            new Measurement<long>(accessLog.Dropped, new KeyValuePair<string, object?>("outcome", "dropped")),
        }, "{line}", "Access-log lines, by outcome");
        meter.CreateObservableCounter("hybridgateway.rate_limit.decisions", () => RateLimitDecisions(rateLimiting), "{request}",
            "Requests decided by rate-limiting instances");
    }

    private static IEnumerable<Measurement<long>> RateLimitDecisions(RateLimitingRuntime rateLimiting)
    {
        foreach (var instance in rateLimiting.Stats.Instances)
        {
            var id = new KeyValuePair<string, object?>("plugin_id", instance.PluginId.ToString());
            yield return new Measurement<long>(instance.Admitted, id, new KeyValuePair<string, object?>("decision", "admitted"));
            yield return new Measurement<long>(instance.Limited, id, new KeyValuePair<string, object?>("decision", "limited"));
            yield return new Measurement<long>(instance.Fallbacks, id, new KeyValuePair<string, object?>("decision", "fallback"));
        }
    }
}
