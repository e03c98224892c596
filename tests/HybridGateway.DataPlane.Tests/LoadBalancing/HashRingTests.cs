using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.LoadBalancing;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.LoadBalancing.BalancerTests;

namespace HybridGateway.DataPlane.Tests.LoadBalancing;

public sealed class HashRingTests
{
    private static readonly Upstream ByHeader = new() { Name = "u", Algorithm = "consistent-hashing", HashOn = "header", HashOnHeader = "x-user" };

    [Fact]
    public void SameKey_AlwaysTheSameTarget_AndKeysSpreadOverAllTargets()
    {
        var balancer = Build(ByHeader, ("a:1", 100, null), ("b:1", 100, null), ("c:1", 100, null));
        var owners = Keys(3000).ToDictionary(k => k, k => Pick(balancer, k));
        Assert.All(owners.Keys.Take(50), k => Assert.Equal(owners[k], Pick(balancer, k)));
        foreach (var share in owners.Values.GroupBy(a => a).Select(g => g.Count() / 3000.0))
        {
            Assert.InRange(share, 0.25, 0.42); // a third each, within the ring's unevenness
        }
    }

    [Fact]
    public void RemovingOneOfFourTargets_MovesOnlyItsKeys()
    {
        var four = Build(ByHeader, ("a:1", 100, null), ("b:1", 100, null), ("c:1", 100, null), ("d:1", 100, null));
        var three = Build(ByHeader, ("a:1", 100, null), ("b:1", 100, null), ("c:1", 100, null));
        var moved = 0;
        foreach (var key in Keys(4000))
        {
            var before = Pick(four, key);
            if (before != "d:1")
            {
                Assert.Equal(before, Pick(three, key));
            }
            else
            {
                moved++;
            }
        }
        Assert.InRange(moved / 4000.0, 0.17, 0.33); // about 1/4
    }

    [Fact]
    public void AddingAFifthTarget_MovesAboutAFifthOfTheKeys_AllToIt()
    {
        var four = Build(ByHeader, ("a:1", 100, null), ("b:1", 100, null), ("c:1", 100, null), ("d:1", 100, null));
        var five = Build(ByHeader, ("a:1", 100, null), ("b:1", 100, null), ("c:1", 100, null), ("d:1", 100, null), ("e:1", 100, null));
        var moved = Keys(4000).Where(k => Pick(four, k) != Pick(five, k)).ToArray();
        Assert.All(moved, k => Assert.Equal("e:1", Pick(five, k)));
        Assert.InRange(moved.Length / 4000.0, 0.13, 0.27);
    }

    [Fact]
    public void TargetDown_ItsKeysMoveOn_OthersStay_AndComeBackWhenItIsUp()
    {
        var balancer = Build(ByHeader with { Healthchecks = new Healthchecks { Passive = new PassiveHealthcheck { Unhealthy = new PassiveUnhealthy { TcpFailures = 1 } } } },
            ("a:1", 100, null), ("b:1", 100, null), ("c:1", 100, null));
        var keys = Keys(600).ToArray();
        var before = keys.ToDictionary(k => k, k => Pick(balancer, k));
        MarkDown(balancer, "b:1");
        Assert.All(keys, k => Assert.True(before[k] == "b:1" ? Pick(balancer, k) != "b:1" : Pick(balancer, k) == before[k]));
        balancer.Targets.Single(t => t.State.Address == "b:1").State.Health.Set(true, "test");
        Assert.All(keys, k => Assert.Equal(before[k], Pick(balancer, k)));
    }

    [Fact]
    public void RingHash_IsTheSameInEveryProcess()
    {
        // Fixed values: a node that hashed differently would send the same key elsewhere.
        Assert.Equal(RingHash.Of("user-1"), RingHash.Of("user-1"));
        Assert.Equal(14166554182431137624UL, RingHash.Of("user-1"));
    }

    private static IEnumerable<string> Keys(int count) => Enumerable.Range(0, count).Select(i => "user-" + i);

    private static string Pick(UpstreamBalancer balancer, string key)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-user"] = key;
        return balancer.Pick(Request(context), null)!.State.Address;
    }
}
