using System.Diagnostics;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;
using static HybridGateway.FunctionalTests.Traffic.TrafficSetup;

namespace HybridGateway.FunctionalTests.Traffic;

/// <summary>Active and passive health checks on a real data plane, against demo upstream processes that fail, hang and recover.</summary>
[Collection(ProcessCollection.Name)]
public sealed class HealthCheckTests
{
    [Fact]
    public async Task FailingAndHangingTargets_AreTakenOut_NoRequestReachesThem_AndTheyComeBack()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        await using var a = await DemoUpstreamProcess.StartAsync("a");
        await using var b = await DemoUpstreamProcess.StartAsync("b");
        await using var c = await DemoUpstreamProcess.StartAsync("c");
        var version = await UpstreamRouteAsync(hybrid, new { name = "health.pool", healthchecks = ActiveAndPassive() }, "/health",
            new { name = "health", host = "health.pool", read_timeout = 1000 },
            new { target = a.Address }, new { target = b.Address }, new { target = c.Address });
        var node = await hybrid.StartNodeAsync("node-health");
        await node.WaitForVersionAsync(version);

        var baseline = await SendAsync(node, "/health", 30);
        Assert.Equal(["a", "b", "c"], baseline.Servers.Keys.Order());

        await a.FaultAsync("500");
        var outA = await TimeUntilAsync(node, a, "UNHEALTHY");
        // The control plane shows it too, from the node's report: Kong's shape with the node-by-node view.
        var health = await Eventually.Get(() => hybrid.Admin.GetJson("/upstreams/health.pool/health"),
            r => TargetHealth(r.Object, a.Address) == ("UNHEALTHY", "UNHEALTHY"), "the Admin API to show " + a.Name + " unhealthy");
        Assert.Equal(3, health.Object["total"]!.GetValue<int>());
        Assert.Equal(("HEALTHY", "HEALTHY"), TargetHealth(health.Object, b.Address));
        var afterA = await SendAsync(node, "/health", 60);
        Assert.True(afterA.Statuses.GetValueOrDefault(200) == 60 && !afterA.Servers.ContainsKey("a"), Describe(afterA.Statuses) + " / " + Describe(afterA.Servers));

        await b.FaultAsync("hang");
        var outB = await TimeUntilAsync(node, b, "UNHEALTHY");
        var afterB = await SendAsync(node, "/health", 60);
        Assert.True(afterB.Statuses.GetValueOrDefault(200) == 60 && afterB.Servers.Keys.SequenceEqual(["c"]), Describe(afterB.Statuses) + " / " + Describe(afterB.Servers));

        await c.FaultAsync("503");
        await TimeUntilAsync(node, c, "UNHEALTHY");
        using (var none = await node.Proxy.GetAsync("/health"))
        {
            Assert.Equal(503, (int)none.StatusCode);
            Assert.Contains("failure to get a peer from the ring-balancer", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await a.FaultAsync("off");
        await b.FaultAsync("off");
        await c.FaultAsync("off");
        var backA = await TimeUntilAsync(node, a, "HEALTHY");
        var backB = await TimeUntilAsync(node, b, "HEALTHY");
        await TimeUntilAsync(node, c, "HEALTHY");
        await Eventually.True(async () => TargetHealth((await hybrid.Admin.GetJson("/upstreams/health.pool/health")).Object, a.Address) == ("HEALTHY", "HEALTHY"),
            "the Admin API to show " + a.Name + " healthy again");
        var after = await SendAsync(node, "/health", 60);
        Assert.Equal(60, after.Statuses.GetValueOrDefault(200));
        Assert.Equal(["a", "b", "c"], after.Servers.Keys.Order());
        TestReport.Append("health checks (interval 0.2 s): failing (500) target out after " + outA + " ms, hanging target out after " + outB
            + " ms; back after " + backA + " and " + backB + " ms (active successes 2)");
    }

    /// <summary>A target's aggregated health and the node's own, from GET /upstreams/{u}/health.</summary>
    private static (string?, string?) TargetHealth(JsonObject reply, string address)
    {
        var target = reply["data"]!.AsArray().FirstOrDefault(t => t!["target"]!.GetValue<string>() == address);
        return (target?["health"]?.GetValue<string>(), target?["nodes"]?["node-health"]?.GetValue<string>());
    }

    /// <summary>Milliseconds until the node's /status shows the target in that state.</summary>
    private static async Task<long> TimeUntilAsync(DataPlaneProcess node, DemoUpstreamProcess target, string state)
    {
        var clock = Stopwatch.StartNew();
        await Eventually.True(async () => await HealthAsync(node, "health.pool", target.Address) == state, target.Name + " to be " + state, TimeSpan.FromSeconds(30));
        return clock.ElapsedMilliseconds;
    }
}
