using Prometheus;

namespace HybridGateway.DataPlane.Metrics;

/// <summary>
/// The data plane's Prometheus metrics, in a registry of its own (no default process or runtime
/// collectors, which would listen to every .NET meter). Kong's names and labels where Kong has the
/// metric, so Kong's dashboards and alerts keep working; ours under the <c>hybridgateway_</c> prefix.
/// The per-request families are filled by the prometheus plugin, as in Kong.
/// </summary>
public sealed class KongMetrics
{
    /// <summary>Kong's default latency buckets, in milliseconds.</summary>
    public static readonly double[] LatencyBuckets = [1, 2, 5, 7, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300, 400, 500, 1000, 2000, 5000, 10000, 30000, 60000];

    public KongMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Requests = factory.CreateCounter("kong_http_requests_total", "HTTP status codes per consumer/service/route in Kong",
            ["service", "route", "code", "source", "consumer", "workspace"]);
        RequestLatency = Histogram(factory, "kong_request_latency_ms", "Total latency incurred during requests for each service/route in Kong");
        UpstreamLatency = Histogram(factory, "kong_upstream_latency_ms", "Latency added by upstream response for each service/route in Kong");
        KongLatency = Histogram(factory, "kong_kong_latency_ms", "Latency added by Kong and enabled plugins for each service/route in Kong");
        Bandwidth = factory.CreateCounter("kong_bandwidth_bytes", "Total bandwidth (ingress/egress) throughput in bytes",
            ["service", "route", "direction", "consumer", "workspace"]);
        ConfigVersion = factory.CreateGauge("hybridgateway_data_plane_config_version", "The config version this node serves");
        ConfigAge = factory.CreateGauge("hybridgateway_data_plane_config_age_seconds", "Seconds since this node applied the config it serves");
        ControlPlaneConnected = factory.CreateGauge("hybridgateway_data_plane_control_plane_connected", "1 while the sync stream to the control plane is up");
        AccessLogLines = factory.CreateCounter("hybridgateway_access_log_lines_total", "Access-log lines, by outcome", ["outcome"]);
        RateLimitRequests = factory.CreateCounter("hybridgateway_rate_limit_requests_total", "Requests decided by rate-limiting instances", ["plugin_id", "decision"]);
        UpstreamErrors = factory.CreateCounter("hybridgateway_upstream_errors_total", "Attempts to an upstream that failed, by service and error",
            ["service", "error"]);
        LogPluginEntries = factory.CreateCounter("hybridgateway_log_plugin_entries_total", "Entries of the log plugins (file-log, http-log, opentelemetry), by outcome",
            ["plugin", "plugin_id", "outcome"]);
        UpstreamTargetHealth = factory.CreateGauge("kong_upstream_target_health",
            "Health status of targets of upstream. States = healthchecks_off|healthy|unhealthy|dns_error, value is 1 when state is populated.",
            ["upstream", "target", "address", "state", "subsystem"]);
        RateLimitLeases = factory.CreateCounter("hybridgateway_rate_limit_lease_asks_total", "Token lease asks to the counters, by outcome", ["outcome"]);
    }

    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }

    public Histogram RequestLatency { get; }

    public Histogram UpstreamLatency { get; }

    public Histogram KongLatency { get; }

    public Counter Bandwidth { get; }

    public Gauge ConfigVersion { get; }

    public Gauge ConfigAge { get; }

    public Gauge ControlPlaneConnected { get; }

    public Counter AccessLogLines { get; }

    public Counter RateLimitRequests { get; }

    public Counter RateLimitLeases { get; }

    public Counter LogPluginEntries { get; }

    public Counter UpstreamErrors { get; }

    public Gauge UpstreamTargetHealth { get; }

    private static Histogram Histogram(MetricFactory factory, string name, string help) =>
        factory.CreateHistogram(name, help, ["service", "route", "workspace"], new HistogramConfiguration { Buckets = LatencyBuckets });
}
