using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.LoadBalancing;
using static HybridGateway.DataPlane.Tests.LoadBalancing.BalancerTests;

namespace HybridGateway.DataPlane.Tests.LoadBalancing;

public sealed class LocalityTests
{
    private static readonly Upstream Checked = new()
    {
        Name = "u",
        Healthchecks = new Healthchecks { Passive = new PassiveHealthcheck { Unhealthy = new PassiveUnhealthy { HttpFailures = 1 } } },
    };

    private static readonly (string, int, string[]?)[] TwoRegions =
    [
        ("eu-a:1", 100, ["region:eu-west", "zone:eu-west-1a"]),
        ("eu-b:1", 100, ["region:eu-west", "zone:eu-west-1b"]),
        ("us-a:1", 100, ["region:us-east", "zone:us-east-1a"]),
        ("untagged:1", 100, null),
    ];

    [Fact]
    public void Node_SendsToItsZone_WhileItIsUp()
    {
        var balancer = Build(Checked, new NodeLocality("eu-west", "eu-west-1a"), TwoRegions);
        Assert.Equal(["zone", "region", "all"], balancer.Tiers);
        Assert.Equal(200, Count(balancer, 200)["eu-a:1"]);
    }

    [Fact]
    public void ZoneDown_GoesToTheRegion_RegionDown_GoesEverywhere_AndBack()
    {
        // With a minimum of 50%, the region's one surviving target of two keeps all of the traffic.
        var balancer = Build(Checked with { Tags = ["locality-min-healthy:50"] }, new NodeLocality("eu-west", "eu-west-1a"), TwoRegions);
        MarkDown(balancer, "eu-a:1");
        Assert.Equal(200, Count(balancer, 200)["eu-b:1"]);
        MarkDown(balancer, "eu-b:1");
        var everywhere = Count(balancer, 200);
        Assert.Equal(["untagged:1", "us-a:1"], everywhere.Keys.Order());
        balancer.Targets.Single(t => t.State.Address == "eu-a:1").State.Health.Set(true, "test");
        Assert.Equal(200, Count(balancer, 200)["eu-a:1"]);
    }

    [Fact]
    public void RegionHalfDown_BelowTheMinimumShare_KeepsAProportionalPart_AndSpillsTheRest()
    {
        // Region us-east with two targets, one down: 50% up, under the default 70% minimum, so
        // about 50/70 = 71% of requests stay in the region and the rest go to every up target.
        (string, int, string[]?)[] targets =
        [
            ("us-a:1", 100, ["region:us-east"]),
            ("us-b:1", 100, ["region:us-east"]),
            ("eu-a:1", 100, ["region:eu-west"]),
            ("eu-b:1", 100, ["region:eu-west"]),
        ];
        var balancer = Build(Checked, new NodeLocality("us-east", null), targets);
        MarkDown(balancer, "us-b:1");
        var counts = Count(balancer, 6000);
        var local = counts["us-a:1"] / 6000.0;
        // Spilled requests are spread over the three up targets, one of them local: 0.714 + 0.286/3.
        Assert.InRange(local, 0.76, 0.86);
        Assert.False(counts.ContainsKey("us-b:1"));
    }

    [Fact]
    public void LocalityOffTag_OrNodeWithoutRegion_BalancesOverAll()
    {
        var off = Build(Checked with { Tags = ["locality:off"] }, new NodeLocality("eu-west", "eu-west-1a"), TwoRegions);
        Assert.Equal(["all"], off.Tiers);
        Assert.Equal(4, Count(off, 400).Count);
        Assert.Equal(["all"], Build(Checked, NodeLocality.None, TwoRegions).Tiers);
    }

    [Fact]
    public void MinHealthyTag_SetsTheShare_OutOfRangeFallsBackToTheDefault()
    {
        Assert.Equal(0.5, LocalityTags.MinHealthyShare(["locality-min-healthy:50"]));
        Assert.Equal(0.7, LocalityTags.MinHealthyShare(["locality-min-healthy:0"]));
        Assert.Equal(0.7, LocalityTags.MinHealthyShare(["locality-min-healthy:abc"]));
        Assert.Equal(0.7, LocalityTags.MinHealthyShare(null));
    }
}
