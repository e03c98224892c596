using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Health;

namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// An upstream compiled for one config version: its targets (weight above 0), the algorithm,
/// the health rules, and the locality tiers. A pick tries this node's zone, then its region, then
/// every target; a tier keeps all of its traffic while the up share of its weight is at least the
/// upstream's minimum, and a proportional part of it below that, the rest spilling to the next.
/// </summary>
public sealed class UpstreamBalancer
{
    private readonly LocalityTier[] _tiers;
    private readonly HashInput _hash;
    private readonly double _minShare;
    private readonly double _threshold;
    private readonly HealthEvents _events;

    private UpstreamBalancer(Upstream upstream, BalancedTarget[] targets, LocalityTier[] tiers, HealthRules health, HealthEvents events)
    {
        Upstream = upstream;
        Targets = targets;
        _tiers = tiers;
        Health = health;
        _events = events;
        _hash = new HashInput(upstream);
        _minShare = LocalityTags.MinHealthyShare(upstream.Tags);
        _threshold = upstream.Healthchecks.Threshold / 100.0;
    }

    public Upstream Upstream { get; }

    public BalancedTarget[] Targets { get; }

    public HealthRules Health { get; }

    /// <summary>The tiers in the order they are tried ("zone", "region", "all"); one when locality does not apply.</summary>
    public IEnumerable<string> Tiers => _tiers.Select(t => t.Name);

    public static UpstreamBalancer Build(Upstream upstream, IEnumerable<Target> targets, TargetStates states, NodeLocality node, HealthEvents events)
    {
        var health = new HealthRules(upstream.Healthchecks);
        var key = upstream.Name.ToLowerInvariant();
        var balanced = targets
            .Where(t => t.Weight > 0)
            .GroupBy(t => t.Address, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(t => t.Address, StringComparer.Ordinal)
            .Select(t => new BalancedTarget(states.For(key, t.Address), t.Weight,
                LocalityTags.Value(t.Tags, LocalityTags.Region), LocalityTags.Value(t.Tags, LocalityTags.Zone), health.Enabled))
            .ToArray();
        return new UpstreamBalancer(upstream, balanced, BuildTiers(upstream, balanced, node), health, events);
    }

    /// <summary>The target for this request, or null when none is up (Kong's 503 "failure to get a peer").</summary>
    public BalancedTarget? Pick(in BalanceRequest request, BalancedTarget? avoid)
    {
        var all = _tiers[^1];
        if (_threshold > 0 && all.UpShare() < _threshold)
        {
            return null;
        }
        var hash = _hash.Hashes ? _hash.Hash(request) : 0;
        for (var i = 0; i < _tiers.Length - 1; i++)
        {
            var tier = _tiers[i];
            var share = tier.UpShare();
            if (share > 0 && (share >= _minShare || Roll(hash) * _minShare < share) && tier.Picker.Pick(hash, avoid) is { } local)
            {
                return local;
            }
        }
        return all.Picker.Pick(hash, avoid);
    }

    /// <summary>What real traffic said about a target, when passive checks are on.</summary>
    public void ReportPassive(BalancedTarget target, HealthReport report)
    {
        if (Health.PassiveEnabled)
        {
            _events.Report(target.State, report, Health.Passive, "passive");
        }
    }

    /// <summary>What a probe said about a target.</summary>
    public void ReportActive(BalancedTarget target, HealthReport report) => _events.Report(target.State, report, Health.Active, "active");

    /// <summary>A number in [0, 1): from the request's hash when hashing (the same key spills the same way), else random.</summary>
    private double Roll(ulong hash) =>
        _hash.Hashes ? (RingHash.Mix(hash ^ 0x9e3779b97f4a7c15UL) >> 11) * (1.0 / (1UL << 53)) : Random.Shared.NextDouble();

    private static LocalityTier[] BuildTiers(Upstream upstream, BalancedTarget[] targets, NodeLocality node)
    {
        var tiers = new List<LocalityTier>();
        if (node.Region is { } region && !LocalityTags.IsOff(upstream.Tags))
        {
            var inRegion = targets.Where(t => t.Region == region).ToArray();
            var inZone = node.Zone is { } zone ? inRegion.Where(t => t.Zone == zone).ToArray() : [];
            // A tier is worth trying only when it is smaller than the next one.
            if (inZone.Length > 0 && inZone.Length < inRegion.Length)
            {
                tiers.Add(new LocalityTier("zone", Picker(upstream, inZone)));
            }
            if (inRegion.Length > 0 && inRegion.Length < targets.Length)
            {
                tiers.Add(new LocalityTier("region", Picker(upstream, inRegion)));
            }
        }
        tiers.Add(new LocalityTier("all", Picker(upstream, targets)));
        return tiers.ToArray();
    }

    private static TargetPicker Picker(Upstream upstream, BalancedTarget[] targets) => upstream.Algorithm switch
    {
        "least-connections" => new LeastConnectionsPicker(targets),
        "latency" => new LatencyPicker(targets),
        "consistent-hashing" when upstream.HashOn != "none" => new HashRingPicker(targets, upstream.Slots),
        _ => new RoundRobinPicker(targets),
    };
}
