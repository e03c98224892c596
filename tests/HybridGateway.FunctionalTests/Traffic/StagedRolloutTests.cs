using System.Net;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Traffic;

/// <summary>Holding a label group at a version while others move on, a canary that NACKs a bad version the held group never sees, promotion, and never moving a node back.</summary>
[Collection(ProcessCollection.Name)]
public sealed class StagedRolloutTests
{
    [Fact]
    public async Task HeldGroup_StaysAtItsVersion_NeverSeesWhatTheCanaryRefused_PromotionBringsItUp()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var admin = hybrid.Admin;
        var v1 = await hybrid.AddEchoRouteAsync("first", "/first");
        var canary = await hybrid.StartNodeAsync("dp-canary", settings: Ring("canary"));
        var main = await hybrid.StartNodeAsync("dp-main", settings: Ring("main"));
        await canary.WaitForVersionAsync(v1);
        await main.WaitForVersionAsync(v1);

        var hold = await admin.PutJson("/clustering/holds/main-ring", new { selector = new { ring = "main" }, reason = "canary first" });
        Assert.True(hold.Status == HttpStatusCode.OK, hold.ToString());
        Assert.Equal(v1, hold.Object["version"]!.GetValue<long>());

        // A new version reaches the canary only.
        var v2 = await hybrid.AddEchoRouteAsync("second", "/second");
        await canary.WaitForVersionAsync(v2);
        Assert.Equal(HttpStatusCode.OK, (await canary.Proxy.GetAsync("/second")).StatusCode);
        var held = await Eventually.Get(() => hybrid.NodeStatusAsync("dp-main"), n => n["held_by"]?.GetValue<string>() == "main-ring", "the main node to be shown held");
        Assert.Equal((v1, v1, "in_sync"), (held["applied_version"]!.GetValue<long>(), held["target_version"]!.GetValue<long>(), held["sync_status"]!.GetValue<string>()));
        Assert.Equal(v1, await main.ServedVersionAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await main.Proxy.GetAsync("/second")).StatusCode);
        var history = await admin.GetJson("/config/history");
        Assert.Equal(("main-ring", v1), (history.Object["holds"]![0]!["name"]!.GetValue<string>(), history.Object["holds"]![0]!["version"]!.GetValue<long>()));

        // A version the canary refuses: the held group never sees it.
        var bad = await admin.PostJson("/upstreams", new { name = "bad.pool", healthchecks = new { active = new { type = "grpc", healthy = new { interval = 5 } } } });
        Assert.Equal(HttpStatusCode.Created, bad.Status);
        await Eventually.True(async () => (await hybrid.NodeStatusAsync("dp-canary"))["sync_status"]!.GetValue<string>() == "nack", "the canary to refuse the bad version");
        Assert.Equal(v1, await main.ServedVersionAsync());

        // Fixed, then promoted: the held group moves to the latest version.
        var fixedVersion = (await admin.Delete("/upstreams/bad.pool")).ConfigVersion!.Value;
        await canary.WaitForVersionAsync(fixedVersion);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Delete("/clustering/holds/main-ring")).Status);
        await main.WaitForVersionAsync(fixedVersion);
        Assert.Equal(HttpStatusCode.OK, (await main.Proxy.GetAsync("/second")).StatusCode);

        // A hold at an older version than a node serves never moves it back.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJson("/clustering/holds/main-ring", new { selector = new { ring = "main" }, version = v1 })).Status);
        var v4 = await hybrid.AddEchoRouteAsync("third", "/third");
        await canary.WaitForVersionAsync(v4);
        await Eventually.True(async () => (await hybrid.NodeStatusAsync("dp-main"))["held_by"]?.GetValue<string>() == "main-ring", "the main node to be held again");
        Assert.Equal(fixedVersion, await main.ServedVersionAsync());
        Assert.Equal(HttpStatusCode.OK, (await main.Proxy.GetAsync("/second")).StatusCode);
    }

    [Fact]
    public async Task HoldWrittenThroughOneReplica_HoldsANodeOnAnother_UntilPromotedThroughIt()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var replica = await hybrid.StartReplicaAsync("cp-b");
        var v1 = await hybrid.AddEchoRouteAsync("first", "/first");
        var node = await hybrid.StartNodeAsync("dp-on-b", replica, Ring("main"));
        await node.WaitForVersionAsync(v1);

        Assert.Equal(HttpStatusCode.OK, (await hybrid.Admin.PutJson("/clustering/holds/main-ring", new { selector = new { ring = "main" } })).Status);
        await Eventually.True(async () => (await replica.Admin.GetJson("/clustering/holds")).Object["data"]!.AsArray().Count == 1, "the other replica to know the hold");
        var v2 = await hybrid.AddEchoRouteAsync("second", "/second");
        await Eventually.True(async () => (await replica.Admin.GetJson("/status")).Object["config"]!["version"]!.GetValue<long>() == v2, "the other replica to have the new version");
        await Eventually.True(async () => (await hybrid.NodeStatusAsync("dp-on-b"))["held_by"]?.GetValue<string>() == "main-ring", "the node to be shown held");
        Assert.Equal(v1, await node.ServedVersionAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await replica.Admin.Delete("/clustering/holds/main-ring")).Status);
        await node.WaitForVersionAsync(v2);
    }

    [Fact]
    public async Task BadHolds_Are400NamingTheField_AndNothingIsStored()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        await hybrid.AddEchoRouteAsync("first", "/first");
        (string Name, string Body, string Field)[] cases =
        [
            ("h", """{"selector":{}}""", "selector"),
            ("h", """{"selector":{"ring":""}}""", "ring"),
            ("h", """{"selector":{"ring":"a||b"}}""", "ring"),
            ("h", """{"selector":{"ring":"main"},"version":999}""", "version"),
            ("h", """{"selector":{"ring":"main"},"version":"1"}""", "version"),
            ("h", """{"selector":{"ring":"main"},"colour":"red"}""", "colour"),
            ("bad name!", """{"selector":{"ring":"main"}}""", "name"),
        ];
        foreach (var (name, body, field) in cases)
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await hybrid.Admin.PutAsync(new Uri("/clustering/holds/" + Uri.EscapeDataString(name), UriKind.Relative), content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && text.Contains("\"" + field + "\"", StringComparison.Ordinal), body + " -> " + (int)response.StatusCode + " " + text);
        }
        Assert.Empty((await hybrid.Admin.GetJson("/clustering/holds")).Object["data"]!.AsArray());
    }

    private static Dictionary<string, string> Ring(string ring) => new() { ["HGW_DataPlane__Labels__ring"] = ring };
}
