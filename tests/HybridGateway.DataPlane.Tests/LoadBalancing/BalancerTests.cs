using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Health;
using HybridGateway.DataPlane.LoadBalancing;
using Microsoft.AspNetCore.Http;

namespace HybridGateway.DataPlane.Tests.LoadBalancing;

public sealed class BalancerTests
{
    private static readonly Healthchecks Passive = new()
    {
        Passive = new PassiveHealthcheck { Unhealthy = new PassiveUnhealthy { HttpFailures = 2 } },
    };

    [Fact]
    public void RoundRobin_Weights1And3_GivesExactProportions()
    {
        var balancer = Build(new Upstream { Name = "u" }, ("a:1", 100, null), ("b:1", 300, null));
        var counts = Count(balancer, 400);
        Assert.Equal(100, counts["a:1"]);
        Assert.Equal(300, counts["b:1"]);
    }

    [Fact]
    public void RoundRobin_UnhealthyTarget_IsSkipped_AndAllDownIsNoPeer()
    {
        var balancer = Build(new Upstream { Name = "u", Healthchecks = Passive }, ("a:1", 100, null), ("b:1", 100, null));
        MarkDown(balancer, "a:1");
        Assert.Equal(100, Count(balancer, 100)["b:1"]);
        MarkDown(balancer, "b:1");
        Assert.Null(balancer.Pick(Request(), null));
    }

    [Fact]
    public void HealthChecksOff_TargetCountsAsUp_WhateverItsStateSaid()
    {
        var states = new TargetStates();
        states.For("u", "a:1").Health.Set(false, "by hand");
        var balancer = UpstreamBalancer.Build(new Upstream { Name = "u" }, [Target("a:1", 100, null)], states, NodeLocality.None, HealthEvents.Silent);
        Assert.NotNull(balancer.Pick(Request(), null));
    }

    [Fact]
    public void LeastConnections_PicksTheTargetWithFewestInFlight()
    {
        var balancer = Build(new Upstream { Name = "u", Algorithm = "least-connections" }, ("a:1", 100, null), ("b:1", 100, null), ("c:1", 100, null));
        var a = balancer.Targets.Single(t => t.State.Address == "a:1").State;
        var c = balancer.Targets.Single(t => t.State.Address == "c:1").State;
        a.Started();
        a.Started();
        c.Started();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("b:1", balancer.Pick(Request(), null)!.State.Address);
        }
    }

    [Fact]
    public void Latency_PrefersTheFasterTarget_AfterEachWasMeasured()
    {
        var balancer = Build(new Upstream { Name = "u", Algorithm = "latency" }, ("fast:1", 100, null), ("slow:1", 100, null));
        balancer.Targets.Single(t => t.State.Address == "fast:1").State.RecordLatency(2);
        balancer.Targets.Single(t => t.State.Address == "slow:1").State.RecordLatency(40);
        Assert.Equal(50, Count(balancer, 50)["fast:1"]);
    }

    [Fact]
    public void Retry_AvoidsTheTargetJustTried_WhenAnotherIsUp()
    {
        var balancer = Build(new Upstream { Name = "u", Algorithm = "least-connections" }, ("a:1", 100, null), ("b:1", 100, null));
        var first = balancer.Pick(Request(), null)!;
        for (var i = 0; i < 5; i++)
        {
            Assert.NotSame(first, balancer.Pick(Request(), first));
        }
    }

    [Fact]
    public void Threshold_UpShareBelowIt_IsNoPeer()
    {
        var checks = Passive with { Threshold = 60 };
        var balancer = Build(new Upstream { Name = "u", Healthchecks = checks }, ("a:1", 100, null), ("b:1", 100, null));
        Assert.NotNull(balancer.Pick(Request(), null));
        MarkDown(balancer, "a:1");
        Assert.Null(balancer.Pick(Request(), null));
    }

    internal static UpstreamBalancer Build(Upstream upstream, params (string Address, int Weight, string[]? Tags)[] targets) =>
        Build(upstream, NodeLocality.None, targets);

    internal static UpstreamBalancer Build(Upstream upstream, NodeLocality node, params (string Address, int Weight, string[]? Tags)[] targets) =>
        UpstreamBalancer.Build(upstream, targets.Select(t => Target(t.Address, t.Weight, t.Tags)), new TargetStates(), node, HealthEvents.Silent);

    internal static Target Target(string address, int weight, string[]? tags) =>
        new() { Id = Guid.NewGuid(), Upstream = EntityRef.To(Guid.NewGuid()), Address = address, Weight = weight, Tags = tags };

    internal static BalanceRequest Request(HttpContext? context = null, string path = "/") =>
        new(context ?? new DefaultHttpContext(), path, null, null, Proxy.TrustedProxies.None, false);

    internal static Dictionary<string, int> Count(UpstreamBalancer balancer, int requests)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < requests; i++)
        {
            var address = balancer.Pick(Request(), null)!.State.Address;
            counts[address] = counts.GetValueOrDefault(address) + 1;
        }
        return counts;
    }

    internal static void MarkDown(UpstreamBalancer balancer, string address) =>
        balancer.Targets.Single(t => t.State.Address == address).State.Health.Set(false, "test");
}
