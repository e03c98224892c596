using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.RateLimiting;
using HybridGateway.DataPlane.RateLimiting;
using HybridGateway.DataPlane.Runtime;
using HybridGateway.DataPlane.Sync;

namespace HybridGateway.DataPlane.Metrics;

/// <summary><c>GET /metrics</c> on the status port: Prometheus's text format. Node-level values are read as the scrape comes.</summary>
public static class MetricsEndpoint
{
    public static void MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", async (HttpContext http, KongMetrics metrics, RuntimeHolder holder, SyncStatus sync, AccessLogWriter accessLog,
            RateLimitingRuntime rateLimiting, PluginRuntimes plugins, TargetHealthMetric targetHealth, TimeProvider clock) =>
        {
            if (holder.Details is { } details)
            {
                metrics.ConfigVersion.Set(details.Config.Version);
                metrics.ConfigAge.Set((clock.GetUtcNow() - details.AppliedAt).TotalSeconds);
            }
            targetHealth.Update(holder.Current);
            metrics.ControlPlaneConnected.Set(sync.Connected ? 1 : 0);
            metrics.AccessLogLines.WithLabels("written").IncTo(accessLog.Written);
            metrics.AccessLogLines.WithLabels("dropped").IncTo(accessLog.Dropped);
            var stats = rateLimiting.Stats;
            foreach (var instance in stats.Instances)
            {
                var id = instance.PluginId.ToString();
                metrics.RateLimitRequests.WithLabels(id, "admitted").IncTo(instance.Admitted);
                metrics.RateLimitRequests.WithLabels(id, "limited").IncTo(instance.Limited);
                metrics.RateLimitRequests.WithLabels(id, "fallback").IncTo(instance.Fallbacks);
            }
            foreach (var runtime in plugins.LogRuntimes)
            {
                foreach (var (id, queue) in runtime.Queues)
                {
                    var plugin = id.ToString();
                    metrics.LogPluginEntries.WithLabels(runtime.Name, plugin, "sent").IncTo(queue.Sent);
                    metrics.LogPluginEntries.WithLabels(runtime.Name, plugin, "dropped").IncTo(queue.Dropped);
                }
            }
            metrics.RateLimitLeases.WithLabels("asked").IncTo(stats.Asks);
            metrics.RateLimitLeases.WithLabels("failed").IncTo(stats.FailedAsks);
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        });
    }
}
