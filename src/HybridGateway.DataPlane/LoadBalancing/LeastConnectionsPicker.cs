namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>Kong's least-connections: the fewest requests in flight for the target's weight.</summary>
public sealed class LeastConnectionsPicker(BalancedTarget[] targets) : LowestScorePicker(targets)
{
    protected override double Score(BalancedTarget target) => (target.State.InFlight + 1) / (double)target.Weight;
}
