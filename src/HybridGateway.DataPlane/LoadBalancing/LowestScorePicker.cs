namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// Picks the up target with the lowest score; the scan starts one further each time, so equal
/// scores (an idle pool) take turns instead of all landing on the first target.
/// </summary>
public abstract class LowestScorePicker(BalancedTarget[] targets) : TargetPicker(targets)
{
    private int _next = -1;

    public override BalancedTarget? Pick(ulong hash, BalancedTarget? avoid)
    {
        var length = (uint)Targets.Length;
        if (length == 0)
        {
            return null;
        }
        var start = (uint)Interlocked.Increment(ref _next);
        BalancedTarget? best = null;
        var bestScore = double.MaxValue;
        for (uint i = 0; i < length; i++)
        {
            var target = Targets[(start + i) % length];
            if (!Usable(target, avoid))
            {
                continue;
            }
            var score = Score(target);
            if (score < bestScore)
            {
                best = target;
                bestScore = score;
            }
        }
        return best ?? Fallback(avoid);
    }

    protected abstract double Score(BalancedTarget target);
}
