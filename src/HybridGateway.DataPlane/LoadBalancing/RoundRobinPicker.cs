namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// Weighted round-robin. The order is computed once (smooth weighted round-robin, as nginx does),
/// so a pick is one interlocked increment while every target is up.
/// </summary>
public sealed class RoundRobinPicker : TargetPicker
{
    private const int MaxSchedule = 4096;
    private readonly int[] _schedule;
    private int _next = -1;

    public RoundRobinPicker(BalancedTarget[] targets)
        : base(targets)
    {
        _schedule = BuildSchedule(targets);
    }

    public override BalancedTarget? Pick(ulong hash, BalancedTarget? avoid)
    {
        var length = (uint)_schedule.Length;
        if (length == 0)
        {
            return null;
        }
        var start = (uint)Interlocked.Increment(ref _next);
        for (uint i = 0; i < length; i++)
        {
            var target = Targets[_schedule[(start + i) % length]];
            if (Usable(target, avoid))
            {
                return target;
            }
        }
        return Fallback(avoid);
    }

    /// <summary>Target indexes in the order they are used.</summary>
    public static int[] BuildSchedule(BalancedTarget[] targets)
    {
        if (targets.Length == 0)
        {
            return [];
        }
        var divisor = 0;
        foreach (var target in targets)
        {
            divisor = Gcd(divisor, target.Weight);
        }
        var weights = targets.Select(t => t.Weight / divisor).ToArray();
        var total = weights.Sum();
        if (total > MaxSchedule)
        {
            // Keep the schedule short; the proportions stay within a rounding error.
            weights = weights.Select(w => Math.Max(1, (int)Math.Round(w * (double)MaxSchedule / total))).ToArray();
            total = weights.Sum();
        }
        var current = new int[weights.Length];
        var schedule = new int[total];
        for (var slot = 0; slot < total; slot++)
        {
            var best = 0;
            for (var i = 0; i < weights.Length; i++)
            {
                current[i] += weights[i];
                if (current[i] > current[best])
                {
                    best = i;
                }
            }
            current[best] -= total;
            schedule[slot] = best;
        }
        return schedule;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
