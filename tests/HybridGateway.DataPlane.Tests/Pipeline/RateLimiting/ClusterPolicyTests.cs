using HybridGateway.DataPlane.RateLimiting;
using static HybridGateway.DataPlane.Tests.Pipeline.RateLimiting.RateLimitRequests;

namespace HybridGateway.DataPlane.Tests.Pipeline.RateLimiting;

/// <summary>
/// The cluster policy through leases: several nodes, each with its own runtime, spend tokens of the
/// same counters (the ledgers the grains run). Real processes and Orleans are in the functional tests.
/// </summary>
public sealed class ClusterPolicyTests
{
    private static readonly DateTimeOffset MidSecond = new(2026, 3, 1, 12, 30, 10, 300, TimeSpan.Zero);

    [Theory]
    [InlineData("cluster")]
    [InlineData("redis")]
    public async Task ThreeNodes_ExcessDemand_AdmitExactlyTheLimitTogether(string policy)
    {
        var clock = new ManualClock(MidSecond);
        var counters = new LedgerCounters(clock);
        var config = "{\"second\":100,\"minute\":250,\"policy\":\"" + policy + "\",\"limit_by\":\"ip\"}";
        var first = new RateLimitRequests(config, clock, counters.Node("node-1"));
        var nodes = new[]
        {
            first,
            new RateLimitRequests(config, clock, counters.Node("node-2"), first),
            new RateLimitRequests(config, clock, counters.Node("node-3"), first),
        };

        // Each second, waves of requests spread over the nodes until the limit refuses two waves in a
        // row: demand goes on through the window, as it does in traffic.
        var admittedPerSecond = new List<int>();
        for (var second = 0; second < 3; second++)
        {
            var admitted = 0;
            for (var (wave, refusedWaves) = (0, 0); wave < 100 && refusedWaves < 2; wave++)
            {
                var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => nodes[i % 3].SendAsync()));
                var passed = answers.Count(a => a.Response.StatusCode == 200);
                admitted += passed;
                refusedWaves = passed == 0 ? refusedWaves + 1 : 0;
            }
            admittedPerSecond.Add(admitted);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // 100 a second for two seconds, then what the minute has left (250 - 200); at least 95% of each.
        Assert.InRange(admittedPerSecond[0], 95, 100);
        Assert.InRange(admittedPerSecond[1], 95, 100);
        Assert.InRange(admittedPerSecond.Sum(), 238, 250);
        Assert.All(nodes, n => Assert.Equal(RateLimitMode.Exact, n.Stats.Instances.Single().Mode));
    }

    [Fact]
    public async Task CountersRestartMidPeriod_RebuildFromTheNodes_NeverPastTheLimit()
    {
        var clock = new ManualClock(MidSecond);
        var counters = new LedgerCounters(clock);
        const string Config = """{"minute":100,"policy":"cluster","limit_by":"ip"}""";
        var a = new RateLimitRequests(Config, clock, counters.Node("node-a"));
        var b = new RateLimitRequests(Config, clock, counters.Node("node-b"), a);
        var answers = new List<int>();
        for (var i = 0; i < 60; i++)
        {
            answers.Add((await (i % 2 == 0 ? a : b).SendAsync()).Response.StatusCode);
        }
        // What the nodes leased ahead and had not spent when the counters lost their state.
        var heldUnspent = counters.Granted(a.Plugin.Id.ToString("N")) - 60;

        counters.Restart();
        for (var i = 0; i < 200; i++)
        {
            answers.Add((await (i % 2 == 0 ? a : b).SendAsync()).Response.StatusCode);
        }

        Assert.All(answers.Take(60), s => Assert.Equal(200, s));
        var admitted = answers.Count(s => s == 200);
        // The restarted counter learns what each node holds from its next ask and holds back the share
        // of nodes not heard from yet; past the limit it can admit at most what was held unspent.
        Assert.InRange(admitted, 95, 100 + heldUnspent);
        Console.Error.WriteLine("restart: admitted " + admitted + " of 100, " + heldUnspent + " held unspent at the restart");
    }

    [Fact]
    public async Task CountersUnreachable_FallbackAllow_AdmitsWithoutHeaders_ThenExactAgain()
    {
        var clock = new ManualClock(MidSecond);
        var counters = new LedgerCounters(clock) { Reachable = false };
        var node = new RateLimitRequests("""{"second":1,"policy":"cluster"}""", clock, counters.Node("node-1"));

        var during = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => node.SendAsync()));
        Assert.All(during, h => Assert.Equal(200, h.Response.StatusCode));
        Assert.All(during, h => Assert.Null(Header(h, "X-RateLimit-Limit-Second")));
        Assert.Equal(RateLimitMode.FallbackAllow, node.Stats.Instances.Single().Mode);

        counters.Reachable = true;
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterFirst = await node.SendAsync();
        var afterSecond = await node.SendAsync();
        Assert.Equal(200, afterFirst.Response.StatusCode);
        Assert.Equal(429, afterSecond.Response.StatusCode);
        Assert.Equal(RateLimitMode.Exact, node.Stats.Instances.Single().Mode);
    }

    [Fact]
    public async Task CountersUnreachable_LocalShare_CountsToTheLimitOverTheLiveNodes()
    {
        var clock = new ManualClock(MidSecond);
        var counters = new LedgerCounters(clock);
        const string Config = """{"second":10,"policy":"cluster","fallback":"local_share","limit_by":"ip"}""";
        var a = new RateLimitRequests(Config, clock, counters.Node("node-a"));
        var b = new RateLimitRequests(Config, clock, counters.Node("node-b"), a);
        await a.SendAsync();
        await b.SendAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        await a.SendAsync(); // learns that two nodes share the counter

        counters.Reachable = false;
        clock.Advance(TimeSpan.FromSeconds(1));
        var answers = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add((await a.SendAsync()).Response.StatusCode);
        }

        Assert.Equal(5, answers.Count(s => s == 200));
        Assert.Equal(RateLimitMode.FallbackLocalShare, a.Stats.Instances.Single().Mode);
    }

    [Fact]
    public async Task CountersUnreachable_NotFaultTolerant_Answers500AsKong()
    {
        var clock = new ManualClock(MidSecond);
        var node = new RateLimitRequests("""{"second":5,"policy":"cluster","fault_tolerant":false}""", clock, new LedgerCounters(clock) { Reachable = false }.Node("n"));

        var http = await node.SendAsync();

        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("An unexpected error occurred", Message(http));
        Assert.Equal(RateLimitMode.FallbackDeny, node.Stats.Instances.Single().Mode);
    }

    [Fact]
    public async Task QuietKey_GivesItsTokensBack_ForOtherNodes()
    {
        var clock = new ManualClock(MidSecond);
        var counters = new LedgerCounters(clock);
        const string Config = """{"hour":1000,"policy":"cluster","limit_by":"ip"}""";
        var a = new RateLimitRequests(Config, clock, counters.Node("node-a"));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => a.SendAsync()));
        var heldBefore = counters.Granted(a.Plugin.Id.ToString("N"));

        clock.Advance(TimeSpan.FromSeconds(3));
        new RateLimitSweeper(a.Runtime, new HybridGateway.DataPlane.Runtime.RuntimeHolder(clock), clock).SweepOnce();

        Assert.True(heldBefore > 50, "the node leased ahead: " + heldBefore);
        Assert.Equal(50, counters.Granted(a.Plugin.Id.ToString("N")));
        Assert.True(a.Stats.TokensReturned > 0);
    }

    /// <summary>A config is compiled before it is swapped in: a sweep in between sees the old config, without the new instance.</summary>
    [Fact]
    public void SweepBeforeTheNewConfigIsSwappedIn_KeepsTheNewInstanceAndItsFigures()
    {
        var clock = new ManualClock(MidSecond);
        var node = new RateLimitRequests("""{"second":5,"policy":"local"}""", clock);

        node.Runtime.Retain(new HashSet<Guid>());
        Assert.Single(node.Runtime.Handlers);
        Assert.Single(node.Stats.Instances);

        clock.Advance(TimeSpan.FromSeconds(31));
        node.Runtime.Retain(new HashSet<Guid>());
        Assert.Empty(node.Runtime.Handlers);
        Assert.Empty(node.Stats.Instances);
    }
}
