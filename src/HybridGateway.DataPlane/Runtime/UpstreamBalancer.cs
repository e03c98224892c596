using HybridGateway.Configuration.Entities;

namespace HybridGateway.DataPlane.Runtime;

/// <summary>
/// Weighted round-robin over an upstream's targets. The order is computed once (smooth weighted
/// round-robin, as nginx does), so picking a target is one interlocked increment.
/// </summary>
public sealed class UpstreamBalancer
{
    private const int MaxSchedule = 4096;

    private UpstreamBalancer(Upstream upstream, IReadOnlyList<string> schedule)
    {
        Upstream = upstream;
        Schedule = schedule;
    }

    public Upstream Upstream { get; }

    /// <summary>Target addresses ("host:port") in the order they are used; empty when no target has weight.</summary>
    public IReadOnlyList<string> Schedule { get; }

    public static UpstreamBalancer Build(Upstream upstream, IEnumerable<Target> targets)
    {
        var weighted = targets.Where(t => t.Weight > 0).OrderBy(t => t.Address, StringComparer.Ordinal).ToArray();
        if (weighted.Length == 0)
        {
            return new UpstreamBalancer(upstream, []);
        }
        var divisor = weighted.Select(t => t.Weight).Aggregate(Gcd);
        var weights = weighted.Select(t => t.Weight / divisor).ToArray();
        var total = weights.Sum();
        if (total > MaxSchedule)
        {
            // Keep the schedule short; the proportions stay within a rounding error.
            weights = weights.Select(w => Math.Max(1, (int)Math.Round(w * (double)MaxSchedule / total))).ToArray();
            total = weights.Sum();
        }
        var current = new int[weights.Length];
        var schedule = new string[total];
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
            schedule[slot] = weighted[best].Address;
        }
        return new UpstreamBalancer(upstream, schedule);
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
