namespace HybridGateway.Plugins.Prometheus;

/// <summary>prometheus's config: which optional metric families to export.</summary>
public sealed record PrometheusConfig
{
    public bool PerConsumer { get; init; }

    public bool StatusCodeMetrics { get; init; }

    public bool LatencyMetrics { get; init; }

    public bool BandwidthMetrics { get; init; }

    public bool UpstreamHealthMetrics { get; init; }

    public bool AiMetrics { get; init; }
}
