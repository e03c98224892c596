using System.Globalization;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Metrics;
using HybridGateway.Plugins.Prometheus;

namespace HybridGateway.DataPlane.Pipeline.Prometheus;

/// <summary>
/// prometheus, as Kong's: nothing in the access phase; in the log phase, the request counts in
/// <c>kong_http_requests_total</c> (status_code_metrics), the three latency histograms
/// (latency_metrics) and <c>kong_bandwidth_bytes</c> (bandwidth_metrics), labelled by service,
/// route and, with per_consumer, the consumer's username. <c>source</c> is <c>service</c> when the
/// upstream answered and <c>kong</c> when the gateway did (a plugin, an error, a failed upstream).
/// </summary>
public sealed class PrometheusHandler(Plugin plugin, PrometheusConfig config, KongMetrics metrics) : PluginHandler(plugin)
{
    private const string Workspace = "default";
    private static readonly string[] StatusCodes = [.. Enumerable.Range(0, 1000).Select(c => c.ToString(CultureInfo.InvariantCulture))];

    public override bool HasLogPhase => config.StatusCodeMetrics || config.LatencyMetrics || config.BandwidthMetrics;

    public override ValueTask<bool> AccessAsync(PluginRequest request) => ValueTask.FromResult(true);

    public override void Log(HttpContext http, ProxyOutcome outcome, double totalMs)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(outcome);
        var service = outcome.Service?.Service.Name ?? "";
        var route = outcome.Route is { } r ? r.Name ?? r.Id.ToString() : "";
        var consumer = config.PerConsumer ? outcome.Consumer?.Username ?? "" : "";
        if (config.StatusCodeMetrics)
        {
            var status = http.Response.StatusCode;
            metrics.Requests.WithLabels(service, route, status is >= 0 and < 1000 ? StatusCodes[status] : "0", outcome.FromUpstream ? "service" : "kong", consumer, Workspace).Inc();
        }
        if (config.LatencyMetrics)
        {
            metrics.RequestLatency.WithLabels(service, route, Workspace).Observe(totalMs);
            if (outcome.UpstreamTicks > 0)
            {
                var upstream = outcome.UpstreamMs;
                metrics.UpstreamLatency.WithLabels(service, route, Workspace).Observe(upstream);
                metrics.KongLatency.WithLabels(service, route, Workspace).Observe(Math.Max(0, totalMs - upstream));
            }
            else
            {
                metrics.KongLatency.WithLabels(service, route, Workspace).Observe(totalMs);
            }
        }
        if (config.BandwidthMetrics)
        {
            metrics.Bandwidth.WithLabels(service, route, "ingress", consumer, Workspace).Inc(http.Request.ContentLength ?? 0);
            metrics.Bandwidth.WithLabels(service, route, "egress", consumer, Workspace).Inc(http.Response.ContentLength ?? 0);
        }
    }
}
