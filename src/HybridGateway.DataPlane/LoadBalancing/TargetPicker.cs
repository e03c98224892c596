namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// One balancing algorithm over a fixed set of targets. A pick skips targets that are down and,
/// when it can, the one a retry is moving away from; null when no target is up.
/// </summary>
public abstract class TargetPicker
{
    protected TargetPicker(BalancedTarget[] targets)
    {
        Targets = targets;
        foreach (var target in targets)
        {
            TotalWeight += target.Weight;
        }
    }

    public BalancedTarget[] Targets { get; }

    public long TotalWeight { get; }

    /// <summary>The share (0 to 1) of this set's weight on targets that are up.</summary>
    public double UpShare()
    {
        if (TotalWeight == 0)
        {
            return 0;
        }
        long up = 0;
        foreach (var target in Targets)
        {
            if (target.IsUp)
            {
                up += target.Weight;
            }
        }
        return (double)up / TotalWeight;
    }

    /// <param name="hash">The request's hash (consistent hashing); other algorithms ignore it.</param>
    /// <param name="avoid">The target a retry moves away from; picked only when no other is up.</param>
    public abstract BalancedTarget? Pick(ulong hash, BalancedTarget? avoid);

    protected static bool Usable(BalancedTarget target, BalancedTarget? avoid) => target.IsUp && !ReferenceEquals(target, avoid);

    /// <summary>What a pick falls back to when every other target is down: the avoided one, if it is up.</summary>
    protected static BalancedTarget? Fallback(BalancedTarget? avoid) => avoid is { IsUp: true } ? avoid : null;
}
