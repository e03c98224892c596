using HybridGateway.Contracts.Sync.V1;
using HybridGateway.DataPlane.Runtime;

namespace HybridGateway.DataPlane.Health;

/// <summary>
/// Tells the control plane the health of this node's checked targets: the whole list, once after
/// connecting and then whenever a target's health or the config changed, looked at every second.
/// The control plane shows it in <c>GET /upstreams/{upstream}/health</c>.
/// </summary>
public sealed class HealthReporter(RuntimeHolder holder, TimeProvider clock)
{
    /// <summary>The most targets one report carries (the control plane refuses more).</summary>
    public const int MaxTargets = 10_000;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(Func<NodeMessage, CancellationToken, Task> send, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        (long Epoch, long Version) sent = (-1, -1);
        do
        {
            var config = holder.Current;
            var now = (TargetHealth.Epoch, config?.Version ?? 0);
            if (config is not null && now != sent)
            {
                await send(new NodeMessage { TargetHealth = Report(config) }, cancellation);
                sent = now;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellation));
    }

    public static TargetHealthReport Report(RuntimeConfig config)
    {
        var report = new TargetHealthReport();
        foreach (var balancer in config.Upstreams.Values)
        {
            if (!balancer.Health.Enabled)
            {
                continue;
            }
            foreach (var target in balancer.Targets)
            {
                if (report.Targets.Count == MaxTargets)
                {
                    return report;
                }
                report.Targets.Add(new TargetHealthEntry
                {
                    UpstreamId = balancer.Upstream.Id.ToString(),
                    Upstream = balancer.Upstream.Name,
                    Target = target.State.Address,
                    Health = UpstreamHealthView.StateOf(target),
                    Reason = target.State.Health.LastChange,
                });
            }
        }
        return report;
    }
}
