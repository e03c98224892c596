using HybridGateway.DataPlane.Health;
using HybridGateway.DataPlane.Runtime;
using Prometheus;

namespace HybridGateway.DataPlane.Metrics;

/// <summary>
/// Kong's <c>kong_upstream_target_health</c>, set as a scrape comes: for each target one series per
/// state, 1 for the state it is in. Series of targets no longer served are removed.
/// </summary>
public sealed class TargetHealthMetric(KongMetrics metrics)
{
    private static readonly string[] States = ["healthchecks_off", "healthy", "unhealthy", "dns_error"];
    private readonly Lock _gate = new();
    private HashSet<(string Upstream, string Target)> _exported = [];

    public void Update(RuntimeConfig? config)
    {
        var now = new HashSet<(string, string)>();
        lock (_gate)
        {
            foreach (var balancer in config?.Upstreams.Values ?? [])
            {
                foreach (var target in balancer.Targets)
                {
                    var upstream = balancer.Upstream.Name;
                    var state = UpstreamHealthView.StateOf(target).ToLowerInvariant();
                    now.Add((upstream, target.State.Address));
                    foreach (var candidate in States)
                    {
                        metrics.UpstreamTargetHealth.WithLabels(upstream, target.State.Address, target.State.Address, candidate, "http")
                            .Set(candidate == state ? 1 : 0);
                    }
                }
            }
            foreach (var (upstream, target) in _exported.Where(e => !now.Contains(e)))
            {
                foreach (var candidate in States)
                {
                    metrics.UpstreamTargetHealth.RemoveLabelled(upstream, target, target, candidate, "http");
                }
            }
            _exported = now;
        }
    }
}
