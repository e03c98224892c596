using System.Net;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;
using static HybridGateway.FunctionalTests.Traffic.TrafficSetup;

namespace HybridGateway.FunctionalTests.Traffic;

/// <summary>Each algorithm through a real data plane to three demo upstream processes.</summary>
[Collection(ProcessCollection.Name)]
public sealed class BalancingTests
{
    [Fact]
    public async Task Algorithms_DistributeAsConfigured_HashingSticks_AndARemovedTargetDrains()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        await using var a = await DemoUpstreamProcess.StartAsync("a");
        await using var b = await DemoUpstreamProcess.StartAsync("b");
        await using var c = await DemoUpstreamProcess.StartAsync("c");
        await UpstreamRouteAsync(hybrid, new { name = "rr.pool" }, "/rr", new { name = "rr", host = "rr.pool" },
            new { target = a.Address, weight = 100 }, new { target = b.Address, weight = 200 }, new { target = c.Address, weight = 100 });
        await UpstreamRouteAsync(hybrid, new { name = "lc.pool", algorithm = "least-connections" }, "/lc", new { name = "lc", host = "lc.pool" },
            new { target = a.Address }, new { target = b.Address }, new { target = c.Address });
        await UpstreamRouteAsync(hybrid, new { name = "hash.pool", algorithm = "consistent-hashing", hash_on = "header", hash_on_header = "x-user" }, "/hash",
            new { name = "hash", host = "hash.pool" }, new { target = a.Address }, new { target = b.Address }, new { target = c.Address });
        var version = await UpstreamRouteAsync(hybrid, new { name = "cookie.pool", algorithm = "consistent-hashing", hash_on = "cookie", hash_on_cookie = "affinity", hash_on_cookie_path = "/cookie" },
            "/cookie", new { name = "cookie", host = "cookie.pool" }, new { target = a.Address }, new { target = b.Address }, new { target = c.Address });
        var node = await hybrid.StartNodeAsync("node-balancing");
        await node.WaitForVersionAsync(version);

        // Weighted round-robin: exactly 1:2:1.
        var rr = await SendAsync(node, "/rr", 400);
        Assert.Equal("a×100, b×200, c×100", Describe(rr.Servers));

        // Least-connections: 12 slow requests at once are spread 4, 4, 4 (give or take one that raced).
        var slow = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await node.Proxy.GetAsync("/lc/delay/1500");
            return DemoUpstreamProcess.ServerOf(await response.Content.ReadAsStringAsync())!;
        }));
        var spread = slow.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(spread.Count == 3 && spread.Values.All(n => n is >= 3 and <= 5), Describe(spread));

        // Consistent hashing on a header: a key always reaches the same server; the keys reach all three.
        var owners = new Dictionary<string, string>();
        for (var i = 0; i < 90; i++)
        {
            var key = "user-" + i;
            var first = await SendAsync(node, "/hash", 1, r => r.Headers.Add("x-user", key));
            var again = await SendAsync(node, "/hash", 1, r => r.Headers.Add("x-user", key));
            Assert.Equal(first.Servers.Keys.Single(), again.Servers.Keys.Single());
            owners[key] = first.Servers.Keys.Single();
        }
        Assert.Equal(["a", "b", "c"], owners.Values.Distinct().Order());

        // Cookie hashing: the first answer sets the cookie (on the configured path); with it, every request sticks.
        using var firstVisit = await node.Proxy.GetAsync("/cookie");
        var setCookie = Assert.Single(firstVisit.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^affinity=[0-9a-f]{32}; Path=/cookie$", setCookie);
        var cookie = setCookie.Split(';')[0];
        var sticky = await SendAsync(node, "/cookie", 20, r => r.Headers.Add("Cookie", cookie));
        Assert.Single(sticky.Servers);
        Assert.Equal(DemoUpstreamProcess.ServerOf(await firstVisit.Content.ReadAsStringAsync()), sticky.Servers.Keys.Single());

        // A target removed while requests to it are in flight: they finish; new ones go elsewhere.
        var inFlight = Enumerable.Range(0, 6).Select(_ => node.Proxy.GetAsync("/rr/delay/2000")).ToArray();
        await Task.Delay(300);
        var removed = await hybrid.Admin.Delete("/upstreams/rr.pool/targets/" + b.Address);
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        await node.WaitForVersionAsync(removed.ConfigVersion!.Value);
        var finished = await Task.WhenAll(inFlight);
        Assert.All(finished, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Contains(finished, r => DemoUpstreamProcess.ServerOf(r.Content.ReadAsStringAsync().Result) == "b");
        var withoutB = await SendAsync(node, "/rr", 40);
        Assert.Equal("a×20, c×20", Describe(withoutB.Servers));
        foreach (var response in finished)
        {
            response.Dispose();
        }
    }
}
