using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

[Collection(ProcessCollection.Name)]
public sealed class NackTests
{
    [Fact]
    public async Task ConfigTheNodeCannotApply_IsNacked_TheNodeKeepsServing_AndTheControlPlaneShowsIt()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-picky");
        var good = await hybrid.AddEchoRouteAsync("guarded", "/guarded");
        await node.WaitForVersionAsync(good);

        // This node has no runtime for jwt: serving the route without it would leave it open.
        var plugin = await hybrid.Admin.PostJson("/services/guarded/plugins", new { name = "jwt" });
        var rejected = plugin.ConfigVersion!.Value;
        var status = await Eventually.Get(() => hybrid.NodeStatusAsync("node-picky"), n => n["sync_status"]!.GetValue<string>() == "nack", "the NACK to be recorded");
        Assert.Equal(good, status["applied_version"]!.GetValue<long>());
        Assert.Equal(1, status["lag_versions"]!.GetValue<long>());
        var nack = status["last_nack"]!;
        Assert.Equal("unsupported_plugin", nack["code"]!.GetValue<string>());
        Assert.Equal(rejected, nack["rejected_version"]!.GetValue<long>());
        Assert.Contains("jwt", nack["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(plugin.Object["id"]!.GetValue<string>(), nack["entities"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(good, await node.ServedVersionAsync());
        Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetAsync("/guarded")).StatusCode);

        // Removing the plugin gives a version the node can apply, and it catches up in one delta.
        var fixedVersion = (await hybrid.Admin.Delete("/plugins/" + plugin.Object["id"])).ConfigVersion!.Value;
        await node.WaitForVersionAsync(fixedVersion);
        await Eventually.True(async () => (await hybrid.NodeStatusAsync("node-picky"))["sync_status"]!.GetValue<string>() == "in_sync", "the node to be in sync again");
    }

    [Fact]
    public async Task UpstreamWithAHealthCheckTheNodeDoesNotHave_IsNacked_NotServedWithoutIt()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-strict");
        var good = await hybrid.AddEchoRouteAsync("balanced", "/balanced");
        await node.WaitForVersionAsync(good);

        var upstream = await hybrid.Admin.PostJson("/upstreams", new { name = "pool.internal", healthchecks = new { active = new { type = "grpc", healthy = new { interval = 5 } } } });
        Assert.Equal(HttpStatusCode.Created, upstream.Status);
        var status = await Eventually.Get(() => hybrid.NodeStatusAsync("node-strict"), n => n["sync_status"]!.GetValue<string>() == "nack", "the NACK to be recorded");
        Assert.Equal("unsupported_feature", status["last_nack"]!["code"]!.GetValue<string>());
        Assert.Contains("grpc", status["last_nack"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(good, await node.ServedVersionAsync());
    }
}
