using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Traffic;

/// <summary>Rollouts in waves: the canary first, the rest after the wait; a NACK in the canary stops the rollout and the rest never get the bad version.</summary>
[Collection(ProcessCollection.Name)]
public sealed class RolloutWavesTests
{
    private static readonly object Waves = new[] { new { name = "canary", selector = (object?)new { ring = "canary" } }, new { name = "rest", selector = (object?)null } };

    [Fact]
    public async Task CanaryFirst_RestAfterTheWait_AndANackStopsTheRollout()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var admin = hybrid.Admin;
        var v1 = await hybrid.AddEchoRouteAsync("first", "/first");
        var canary = await hybrid.StartNodeAsync("dp-wave-canary", settings: Ring("canary"));
        var main = await hybrid.StartNodeAsync("dp-wave-main", settings: Ring("main"));
        await canary.WaitForVersionAsync(v1);
        await main.WaitForVersionAsync(v1);

        var started = await admin.PostJson("/clustering/rollouts", new { name = "r1", waves = Waves, wait_seconds = 2 });
        Assert.True(started.Status == HttpStatusCode.Created, started.ToString());
        Assert.Equal(v1, started.Object["baseline_version"]!.GetValue<long>());
        var v2 = await hybrid.AddEchoRouteAsync("second", "/second");
        await canary.WaitForVersionAsync(v2);
        // Until the rest's wave is released, the main node never serves the new version.
        await Eventually.True(async () =>
        {
            var served = await main.ServedVersionAsync();
            var rollout = (await admin.GetJson("/clustering/rollouts/r1")).Object;
            Assert.False(served == v2 && rollout["status"]!.GetValue<string>() == "active" && rollout["released_waves"]!.GetValue<int>() == 1,
                "the main node got version " + v2 + " before its wave was released: " + rollout.ToJsonString());
            return rollout["status"]!.GetValue<string>() == "completed";
        }, "the rollout to complete", TimeSpan.FromSeconds(60));
        await main.WaitForVersionAsync(v2);

        // A bad version: the canary refuses it, the rollout stops, the rest stay where they were.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/clustering/rollouts", new { name = "r2", waves = Waves, wait_seconds = 1 })).Status);
        var bad = await admin.PostJson("/upstreams", new { name = "bad.pool", healthchecks = new { active = new { type = "grpc", healthy = new { interval = 5 } } } });
        var badVersion = bad.ConfigVersion!.Value;
        var stopped = await Eventually.Get(() => admin.GetJson("/clustering/rollouts/r2"), r => r.Object["status"]!.GetValue<string>() == "stopped", "the rollout to stop");
        Assert.Contains("dp-wave-canary", stopped.Object["stopped_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("refused version " + badVersion, stopped.Object["stopped_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(v2, await main.ServedVersionAsync());

        // Fixed and resumed: the canary takes the fix, then the rest jump straight to it.
        var fixedVersion = (await admin.Delete("/upstreams/bad.pool")).ConfigVersion!.Value;
        await canary.WaitForVersionAsync(fixedVersion);
        Assert.Equal(v2, await main.ServedVersionAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJson("/clustering/rollouts/r2/resume", null)).Status);
        await main.WaitForVersionAsync(fixedVersion);
        var node = await hybrid.NodeStatusAsync("dp-wave-main");
        Assert.Null(node["last_nack"]);
        await Eventually.True(async () => (await admin.GetJson("/clustering/rollouts/r2")).Object["status"]!.GetValue<string>() == "completed", "the resumed rollout to complete");
    }

    [Fact]
    public async Task BadRollouts_Are400NamingTheField()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        (string Body, string Field)[] cases =
        [
            ("""{"waves":[{"name":"a"}]}""", "name"),
            ("""{"name":"r","waves":[]}""", "waves"),
            ("""{"name":"r","waves":[{"name":"a"},{"name":"b"}]}""", "selector"),
            ("""{"name":"r","waves":[{"name":"a","selector":{"ring":"x"}},{"name":"a"}]}""", "name"),
            ("""{"name":"r","waves":[{"name":"a"}],"wait_seconds":-1}""", "wait_seconds"),
            ("""{"name":"r","waves":[{"name":"a"}],"speed":"fast"}""", "speed"),
        ];
        foreach (var (body, field) in cases)
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await hybrid.Admin.PostAsync(new Uri("/clustering/rollouts", UriKind.Relative), content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && text.Contains("\"" + field + "\"", StringComparison.Ordinal), body + " -> " + (int)response.StatusCode + " " + text);
        }
        Assert.Empty((await hybrid.Admin.GetJson("/clustering/rollouts")).Object["data"]!.AsArray());
    }

    private static Dictionary<string, string> Ring(string ring) => new() { ["HGW_DataPlane__Labels__ring"] = ring };
}
