namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// Kong's latency algorithm (peak EWMA): the lowest average response time times the requests in
/// flight, for the target's weight. A target not yet measured scores 0, so each is tried early.
/// </summary>
public sealed class LatencyPicker(BalancedTarget[] targets) : LowestScorePicker(targets)
{
    protected override double Score(BalancedTarget target) => target.State.LatencyMs * (target.State.InFlight + 1) / target.Weight;
}
