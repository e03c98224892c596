using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

[Collection(ProcessCollection.Name)]
public sealed class ReplicaTests
{
    [Fact]
    public async Task ChangeThroughEitherReplica_ReachesTheNodesOfBoth()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var replica = await hybrid.StartReplicaAsync("cp-b");
        var onA = await hybrid.StartNodeAsync("node-on-a");
        var onB = await hybrid.StartNodeAsync("node-on-b", replica);

        var viaA = await hybrid.AddEchoRouteAsync("via-a", "/via-a");
        await onA.WaitForVersionAsync(viaA);
        await onB.WaitForVersionAsync(viaA);

        var service = await replica.Admin.PostJson("/services", new { name = "via-b", url = hybrid.Upstream.Url });
        var route = await replica.Admin.PostJson("/services/via-b/routes", new { name = "via-b", paths = new[] { "/via-b" } });
        Assert.Equal(HttpStatusCode.Created, service.Status);
        var viaB = route.ConfigVersion!.Value;
        await onA.WaitForVersionAsync(viaB);
        await onB.WaitForVersionAsync(viaB);

        foreach (var node in new[] { onA, onB })
        {
            Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetAsync("/via-a")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetAsync("/via-b")).StatusCode);
        }
        // Either replica lists both nodes.
        var listed = (await replica.Admin.GetJson("/clustering/data-planes")).Object["data"]!.AsArray();
        Assert.Equal(["node-on-a", "node-on-b"], listed.Select(n => n!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(["cp-a", "cp-b"], listed.Select(n => n!["control_plane"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }
}
