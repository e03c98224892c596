using System.Diagnostics;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;
using static HybridGateway.FunctionalTests.Traffic.TrafficSetup;

namespace HybridGateway.FunctionalTests.Traffic;

/// <summary>
/// Two regions on one machine: three data planes (eu-west ×2, us-east ×1) and four upstream
/// processes tagged by region. Each node keeps its traffic in its region, fails over when the
/// region's targets die, and comes back when they return.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class TwoRegionsTests
{
    [Fact]
    public async Task TrafficStaysInItsRegion_FailsOverWithoutErrors_AndReturns()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        await using var eu1 = await DemoUpstreamProcess.StartAsync("eu-1");
        await using var eu2 = await DemoUpstreamProcess.StartAsync("eu-2");
        await using var us1 = await DemoUpstreamProcess.StartAsync("us-1");
        await using var us2 = await DemoUpstreamProcess.StartAsync("us-2");
        var version = await UpstreamRouteAsync(hybrid, new { name = "geo.pool", healthchecks = ActiveAndPassive() }, "/geo",
            new { name = "geo", host = "geo.pool" },
            new { target = eu1.Address, tags = new[] { "region:eu-west", "zone:eu-west-1a" } },
            new { target = eu2.Address, tags = new[] { "region:eu-west", "zone:eu-west-1b" } },
            new { target = us1.Address, tags = new[] { "region:us-east" } },
            new { target = us2.Address, tags = new[] { "region:us-east" } });
        var euA = await hybrid.StartNodeAsync("dp-eu-a", settings: Region("eu-west"));
        var euB = await hybrid.StartNodeAsync("dp-eu-b", settings: Region("eu-west"));
        var us = await hybrid.StartNodeAsync("dp-us", settings: Region("us-east"));
        foreach (var node in new[] { euA, euB, us })
        {
            await node.WaitForVersionAsync(version);
        }

        foreach (var (node, region) in new[] { (euA, "eu-"), (euB, "eu-"), (us, "us-") })
        {
            var local = await SendAsync(node, "/geo", 40);
            Assert.True(local.Statuses.GetValueOrDefault(200) == 40 && local.Servers.Keys.All(s => s.StartsWith(region, StringComparison.Ordinal)) && local.Servers.Count == 2,
                node.NodeId + ": " + Describe(local.Statuses) + " / " + Describe(local.Servers));
        }

        // The region's upstreams die: the next requests retry elsewhere (nothing reached a dead
        // target), passive checks take them out at the first refused connection.
        eu1.Kill();
        eu2.Kill();
        var failover = Stopwatch.StartNew();
        foreach (var node in new[] { euA, euB })
        {
            var after = await SendAsync(node, "/geo", 100);
            Assert.True(after.Statuses.GetValueOrDefault(200) == 100 && after.Servers.Keys.All(s => s.StartsWith("us-", StringComparison.Ordinal)),
                node.NodeId + " after the kill: " + Describe(after.Statuses) + " / " + Describe(after.Servers));
        }
        var failoverMs = failover.ElapsedMilliseconds;
        var stayed = await SendAsync(us, "/geo", 40);
        Assert.True(stayed.Servers.Keys.All(s => s.StartsWith("us-", StringComparison.Ordinal)), Describe(stayed.Servers));

        // They come back on the same ports: the active probes see them and the traffic returns.
        var back = Stopwatch.StartNew();
        await eu1.StartAsync();
        await eu2.StartAsync();
        foreach (var node in new[] { euA, euB })
        {
            await Eventually.True(async () => (await SendAsync(node, "/geo", 10)).Servers.Keys.All(s => s.StartsWith("eu-", StringComparison.Ordinal)),
                node.NodeId + " to send to eu-west again", TimeSpan.FromSeconds(30));
        }
        TestReport.Append("two regions, 3 data planes, 4 upstreams: 200 requests through eu-west after its targets died, 0 failed ("
            + failoverMs + " ms); traffic back in eu-west " + back.ElapsedMilliseconds + " ms after they restarted");
    }

    private static Dictionary<string, string> Region(string region) => new() { ["HGW_DataPlane__Labels__region"] = region };
}
