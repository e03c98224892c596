using System.Net;
using System.Text;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Traffic;

/// <summary>Config scoped by label: a node outside an entity's selector never receives it, in snapshots or later versions, nor in its cache file.</summary>
[Collection(ProcessCollection.Name)]
public sealed class ScopedConfigTests
{
    [Fact]
    public async Task EntityForOneRegion_ReachesOnlyThatRegionsNodes_AndFollowsItsTag()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var admin = hybrid.Admin;
        await hybrid.AddEchoRouteAsync("everywhere", "/everywhere");
        var local = await admin.PostJson("/services", new { name = "eu-only-api", url = hybrid.Upstream.Url, tags = new[] { "only:region=eu-west" } });
        Assert.Equal(HttpStatusCode.Created, local.Status);
        var route = await admin.PostJson("/services/eu-only-api/routes", new { name = "eu-only-route", paths = new[] { "/eu-only" } });
        Assert.Equal(HttpStatusCode.Created, route.Status);
        var version = route.ConfigVersion!.Value;

        var eu = await hybrid.StartNodeAsync("dp-scoped-eu", settings: new Dictionary<string, string> { ["HGW_DataPlane__Labels__region"] = "eu-west" });
        var us = await hybrid.StartNodeAsync("dp-scoped-us", settings: new Dictionary<string, string> { ["HGW_DataPlane__Labels__region"] = "us-east" });
        await eu.WaitForVersionAsync(version);
        await us.WaitForVersionAsync(version);

        Assert.Equal(HttpStatusCode.OK, (await eu.Proxy.GetAsync("/eu-only")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await us.Proxy.GetAsync("/eu-only")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await us.Proxy.GetAsync("/everywhere")).StatusCode);
        var usStatus = await us.StatusAsync();
        Assert.Equal(1, usStatus["config"]!["services"]!.GetValue<int>());
        Assert.NotEqual((await eu.StatusAsync())["config"]!["hash"]!.GetValue<string>(), usStatus["config"]!["hash"]!.GetValue<string>());
        await AssertCacheLacksAsync(us, "eu-only-api");

        var euNode = await hybrid.NodeStatusAsync("dp-scoped-eu");
        var usNode = await hybrid.NodeStatusAsync("dp-scoped-us");
        Assert.Equal(("region=eu-west", "in_sync"), (euNode["view"]!.GetValue<string>(), euNode["sync_status"]!.GetValue<string>()));
        Assert.Equal(("region=us-east", "in_sync"), (usNode["view"]!.GetValue<string>(), usNode["sync_status"]!.GetValue<string>()));

        // A later change elsewhere reaches both, and the us node still lacks the scoped service.
        var later = await admin.PostJson("/services/everywhere/routes", new { name = "also", paths = new[] { "/also" } });
        await eu.WaitForVersionAsync(later.ConfigVersion!.Value);
        await us.WaitForVersionAsync(later.ConfigVersion!.Value);
        Assert.Equal(HttpStatusCode.OK, (await us.Proxy.GetAsync("/also")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await us.Proxy.GetAsync("/eu-only")).StatusCode);
        await AssertCacheLacksAsync(us, "eu-only-api");

        // The tag removed: the service is for everyone, and the us node gets it.
        var opened = await admin.PatchJson("/services/eu-only-api", new { tags = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        await us.WaitForVersionAsync(opened.ConfigVersion!.Value);
        Assert.Equal(HttpStatusCode.OK, (await us.Proxy.GetAsync("/eu-only")).StatusCode);
        await Eventually.True(async () => (await hybrid.NodeStatusAsync("dp-scoped-us"))["view"]!.GetValue<string>() == "full", "the us node to serve the full view");
    }

    private static async Task AssertCacheLacksAsync(DataPlaneProcess node, string text)
    {
        var path = Path.Combine(node.CacheDirectory, "config.cache");
        var version = await node.ServedVersionAsync();
        await Eventually.True(async () => (await node.StatusAsync())["config"]!["cached_version"]!.GetValue<long>() == version, node.NodeId + " to cache its version");
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length > 0);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)));
    }
}
