using System.Globalization;

namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// Consistent hashing on a ring of points: 160 per 100 of weight, and at most the upstream's
/// <c>slots</c> in all. A target's points and their places come from its address and weight
/// alone, so adding or removing a target moves only the keys of that target's points (about 1/N
/// of them). A key goes to the first point at or after its hash whose target is up.
/// </summary>
public sealed class HashRingPicker : TargetPicker
{
    private const double PointsPerWeight = 1.6;
    private readonly ulong[] _points;
    private readonly int[] _owners;

    public HashRingPicker(BalancedTarget[] targets, int slots)
        : base(targets)
    {
        var perWeight = Math.Min(PointsPerWeight, (double)slots / Math.Max(1, TotalWeight));
        var ring = new List<(ulong Point, int Owner)>();
        for (var i = 0; i < targets.Length; i++)
        {
            var count = Math.Max(1, (int)Math.Round(perWeight * targets[i].Weight));
            for (var j = 0; j < count; j++)
            {
                ring.Add((RingHash.Of(targets[i].State.Address + "#" + j.ToString(CultureInfo.InvariantCulture)), i));
            }
        }
        ring.Sort((a, b) => a.Point != b.Point ? a.Point.CompareTo(b.Point) : string.CompareOrdinal(targets[a.Owner].State.Address, targets[b.Owner].State.Address));
        _points = ring.Select(p => p.Point).ToArray();
        _owners = ring.Select(p => p.Owner).ToArray();
    }

    public override BalancedTarget? Pick(ulong hash, BalancedTarget? avoid)
    {
        if (_points.Length == 0 || !AnyUsable(avoid))
        {
            return Fallback(avoid);
        }
        var start = Array.BinarySearch(_points, hash);
        if (start < 0)
        {
            start = ~start;
        }
        for (var i = 0; i < _points.Length; i++)
        {
            var target = Targets[_owners[(start + i) % _points.Length]];
            if (Usable(target, avoid))
            {
                return target;
            }
        }
        return Fallback(avoid);
    }

    private bool AnyUsable(BalancedTarget? avoid)
    {
        foreach (var target in Targets)
        {
            if (Usable(target, avoid))
            {
                return true;
            }
        }
        return false;
    }
}
