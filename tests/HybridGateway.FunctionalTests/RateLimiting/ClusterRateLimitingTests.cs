using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.RateLimiting;

/// <summary>
/// The cluster policy with real processes: a control plane hosting the Orleans counters on real
/// PostgreSQL, data planes leasing tokens over the cluster port, clients on real sockets.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ClusterRateLimitingTests
{
    private const int Tenants = 16;

    [Fact]
    public async Task ThreeNodes_ExcessDemand_AdmitAtMostTheLimitPerWindow_AndAtLeast95Percent()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var nodes = new[] { await hybrid.StartNodeAsync("rl-1"), await hybrid.StartNodeAsync("rl-2"), await hybrid.StartNodeAsync("rl-3") };
        await hybrid.AddEchoRouteAsync("limited", "/limited");
        var version = await AddLimitAsync(hybrid, "limited", new { second = 100, minute = 400, policy = "cluster", limit_by = "service" });
        foreach (var node in nodes)
        {
            await node.WaitForVersionAsync(version);
        }

        await LoadWindows.WaitForWindowStartAsync(leftMs: 8_000);
        var load = await LoadWindows.RunAsync(nodes, "/limited", clientsPerNode: 6, TimeSpan.FromSeconds(5));

        var seconds = load.AdmittedPer(1_000).ToArray();
        var minute = load.AdmittedPer(60_000).Single().Value;
        TestReport.Append("rate limiting, 3 nodes, cluster 100/s and 400/min: admitted per second " + Describe(seconds)
            + "; in the minute " + minute.Certain + " (" + load.Answers.Count + " requests, " + load.Count(429) + " refused)");
        Assert.All(seconds, s => Assert.True(s.Value.Certain <= 100, "second " + s.Key + ": " + Describe(seconds)));
        Assert.True(minute.Certain + minute.Uncertain <= 400, "minute: " + minute);
        Assert.True(minute.Certain >= 380, "the minute admitted " + minute.Certain + " of 400; per second " + Describe(seconds));
        // How much of each second's 100 was taken depends on how this shared machine schedules 18
        // clients and 3 nodes in that second (one CI run saw 84): printed above, not asserted. The
        // minute's total is the bound that holds: at least 95% of it.
        Assert.Equal(0, load.Count(0));
        Assert.Equal(load.Answers.Count, load.Count(200) + load.Count(429));
    }

    [Fact]
    public async Task ControlPlaneDown_EachFallbackAsConfigured_ThenExactAgainAfterItReturns()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var nodes = new[] { await hybrid.StartNodeAsync("fb-1"), await hybrid.StartNodeAsync("fb-2") };
        foreach (var name in new[] { "allow", "share", "deny" })
        {
            await hybrid.AddEchoRouteAsync(name, "/" + name);
        }
        await AddLimitAsync(hybrid, "allow", new { second = 5, policy = "cluster", limit_by = "service" });
        await AddLimitAsync(hybrid, "deny", new { second = 5, policy = "cluster", limit_by = "service", fault_tolerant = false });
        var version = await AddLimitAsync(hybrid, "share", new { second = 20, policy = "cluster", limit_by = "service", fallback = "local_share" });
        foreach (var node in nodes)
        {
            await node.WaitForVersionAsync(version);
        }
        // Both nodes take part in the shared counter in one period, so each learns there are two of them.
        await LoadWindows.WaitForWindowStartAsync();
        foreach (var node in nodes)
        {
            Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetAsync("/share")).StatusCode);
        }
        await LoadWindows.WaitForWindowStartAsync();
        foreach (var node in nodes)
        {
            Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetAsync("/share")).StatusCode);
        }

        hybrid.ControlPlane.Kill();
        foreach (var node in nodes)
        {
            await Eventually.True(async () => !(await node.StatusAsync())["rate_limiting"]!["counters_reachable"]!.GetValue<bool>(), node.NodeId + " to lose the counters");
        }
        await LoadWindows.WaitForWindowStartAsync();
        var shared = new List<int>();
        foreach (var node in nodes)
        {
            var admitted = 0;
            for (var i = 0; i < 20; i++)
            {
                admitted += (await node.Proxy.GetAsync("/share")).StatusCode == HttpStatusCode.OK ? 1 : 0;
            }
            shared.Add(admitted);
        }
        var allowed = await nodes[0].Proxy.GetAsync("/allow");
        var denied = await nodes[0].Proxy.GetAsync("/deny");
        var modes = await ModesAsync(nodes[0]);
        TestReport.Append("rate limiting, control plane down: local_share admitted " + string.Join(" and ", shared) + " of 20 each on two nodes (share 10)");

        Assert.Equal([10, 10], shared);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.False(allowed.Headers.Contains("X-RateLimit-Limit-Second"));
        Assert.Equal(HttpStatusCode.InternalServerError, denied.StatusCode);
        Assert.Equal("An unexpected error occurred", JsonNode.Parse(await denied.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
        Assert.Equal(["fallback_allow", "fallback_deny", "fallback_local_share"], modes.Order(StringComparer.Ordinal));

        await hybrid.ControlPlane.StartAsync();
        foreach (var node in nodes)
        {
            await Eventually.True(async () => (await node.StatusAsync())["rate_limiting"]!["counters_reachable"]!.GetValue<bool>(), node.NodeId + " to reach the counters again");
        }
        await LoadWindows.WaitForWindowStartAsync();
        var exact = await Task.WhenAll(nodes.SelectMany(n => Enumerable.Range(0, 15).Select(_ => n.Proxy.GetAsync("/share"))));
        // Counted by the cluster again: never past 20. A burst can leave a token leased to the node
        // whose requests were all served, so at least 95% rather than exactly 20.
        Assert.InRange(exact.Count(r => r.StatusCode == HttpStatusCode.OK), 19, 20);
        Assert.Contains("exact", await ModesAsync(nodes[0]));
    }

    [Fact]
    public async Task TwoReplicas_TheOneHoldingCountersDiesUnderLoad_CountingGoesOnInTheOther()
    {
        var cluster = new Dictionary<string, string>
        {
            ["HGW_ControlPlane__Counters__Membership"] = "postgres",
            ["HGW_ControlPlane__Counters__ClusterId"] = "rl-" + Guid.NewGuid().ToString("N")[..12],
        };
        await using var hybrid = await HybridFixture.StartAsync(cluster);
        var survivor = await hybrid.StartReplicaAsync("cp-b", cluster);
        await Eventually.True(async () => (await survivor.Admin.GetJson("/status")).Object["counters"]!["active_silos"]?.AsArray().Count == 2, "both silos to form one cluster");
        // Every node talks to the survivor; the counters are spread over both replicas' silos.
        var nodes = new[] { await hybrid.StartNodeAsync("rr-1", survivor), await hybrid.StartNodeAsync("rr-2", survivor), await hybrid.StartNodeAsync("rr-3", survivor) };
        await hybrid.AddEchoRouteAsync("tenants", "/tenants");
        var version = await AddLimitAsync(hybrid, "tenants", new { second = 20, policy = "cluster", limit_by = "header", header_name = "x-tenant", fallback = "local_share" });
        foreach (var node in nodes)
        {
            await node.WaitForVersionAsync(version);
        }
        // Counters are placed at random over the silos the cluster knows: wait until cp-a takes some,
        // so that killing it takes counters with it.
        var killedSilo = (await hybrid.Admin.GetJson("/status")).Object["counters"]!["silo"]!.GetValue<string>();
        var warm = 0;
        await Eventually.True(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/tenants");
            request.Headers.Add("x-tenant", "warm-" + warm++.ToString(CultureInfo.InvariantCulture));
            await nodes[0].Proxy.SendAsync(request);
            var placed = (await hybrid.Admin.GetJson("/status")).Object["counters"]!["counter_grains_by_silo"]?[killedSilo];
            return placed?.GetValue<int>() > 0;
        }, "a counter to be placed on cp-a");

        await LoadWindows.WaitForWindowStartAsync();
        var loadTask = LoadWindows.RunAsync(nodes, "/tenants", clientsPerNode: 4, TimeSpan.FromSeconds(10), tenants: Tenants);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var held = (await hybrid.Admin.GetJson("/status")).Object["counters"]!;
        var grainsOnKilled = held["counter_grains_by_silo"]?[killedSilo]?.GetValue<int>() ?? 0;
        var grainsInAll = held["counter_grains_by_silo"]?.AsObject().Sum(s => s.Value!.GetValue<int>()) ?? 0;
        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        hybrid.ControlPlane.Kill();
        var load = await loadTask;

        var worst = new SortedDictionary<long, int>();
        var overAdmitted = new SortedDictionary<long, int>();
        for (var t = 0; t < Tenants; t++)
        {
            foreach (var (second, admitted) in load.AdmittedPer(1_000, "t" + t.ToString(CultureInfo.InvariantCulture)))
            {
                worst[second] = Math.Max(worst.GetValueOrDefault(second), admitted.Certain);
                overAdmitted[second] = overAdmitted.GetValueOrDefault(second) + Math.Max(0, admitted.Certain - 20);
            }
        }
        var killSecond = killedAt - (killedAt % 1000);
        long fallbacks = 0;
        foreach (var node in nodes)
        {
            fallbacks += (await node.StatusAsync())["rate_limiting"]!["instances"]!.AsObject().Sum(i => i.Value!["fallback_decisions"]!.GetValue<long>());
        }
        TestReport.Append("rate limiting, two replicas, " + Tenants + " tenants at 20/s, the one holding " + grainsOnKilled + " of the " + grainsInAll + " counter grains killed at +"
            + (killedAt - killSecond) + " ms into a second: requests over the limit per second, all tenants: "
            + string.Join(" ", overAdmitted.Select(o => (o.Key == killSecond ? "[kill]" : "") + o.Value.ToString(CultureInfo.InvariantCulture)))
            + "; requests decided by the local_share fallback meanwhile: " + fallbacks);

        Assert.True(grainsOnKilled > 0, "the killed replica held no counters: " + held.ToJsonString());
        // Before the kill, and once the counters are rebuilt on the survivor, no tenant goes past 20 in any second.
        Assert.All(worst.Where(w => w.Key < killSecond || w.Key >= killSecond + 6_000), w => Assert.True(w.Value <= 20, "second " + w.Key + ": " + w.Value));
        Assert.True(worst.Count(w => w.Key >= killSecond + 6_000) >= 2, "the load went on after the failover");
        foreach (var node in nodes)
        {
            Assert.Contains("exact", await ModesAsync(node));
        }
    }

    private static async Task<long> AddLimitAsync(HybridFixture hybrid, string route, object config)
    {
        var reply = await hybrid.Admin.PostJson("/routes/" + route + "/plugins", new { name = "rate-limiting", config });
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        return reply.ConfigVersion!.Value;
    }

    private static async Task<List<string>> ModesAsync(DataPlaneProcess node) =>
        [.. (await node.StatusAsync())["rate_limiting"]!["instances"]!.AsObject().Select(i => i.Value!["mode"]!.GetValue<string>())];

    private static string Describe(IEnumerable<KeyValuePair<long, (int Certain, int Uncertain)>> windows) =>
        string.Join(" ", windows.Select(w => w.Value.Certain.ToString(CultureInfo.InvariantCulture) + (w.Value.Uncertain > 0 ? "(+" + w.Value.Uncertain + "?)" : "")));
}
