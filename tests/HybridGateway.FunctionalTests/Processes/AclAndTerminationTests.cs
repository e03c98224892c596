using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>Plugins chained on a real data plane: acl behind key-auth, and request-termination, all from the Admin API.</summary>
[Collection(ProcessCollection.Name)]
public sealed class AclAndTerminationTests
{
    [Fact]
    public async Task AclBehindKeyAuth_LetsOnlyTheAllowedGroupIn_AndRequestTerminationAnswersForTheUpstream()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-chain");
        var admin = hybrid.Admin;
        await hybrid.AddEchoRouteAsync("admin-api", "/admin-api");
        await hybrid.AddEchoRouteAsync("closed", "/closed");
        var keys = new Dictionary<string, string>();
        foreach (var name in new[] { "alice", "bob" })
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/consumers", new { username = name })).Status);
            keys[name] = (await admin.PostJson("/consumers/" + name + "/key-auth", new { })).Object["key"]!.GetValue<string>();
        }
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/consumers/alice/acls", new { group = "admins" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/services/admin-api/plugins", new { name = "key-auth" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/services/admin-api/plugins", new { name = "acl", config = new { allow = new[] { "admins" } } })).Status);
        var last = await admin.PostJson("/services/closed/plugins", new { name = "request-termination", config = new { status_code = 403, message = "closed for maintenance" } });
        Assert.Equal(HttpStatusCode.Created, last.Status);
        await node.WaitForVersionAsync(last.ConfigVersion!.Value);

        using var alice = await Send(node, "/admin-api/users", keys["alice"]);
        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
        var seen = JsonNode.Parse(await alice.Content.ReadAsStringAsync())!["headers"]!;
        Assert.Equal("admins", seen["x-consumer-groups"]!.GetValue<string>());

        using var bob = await Send(node, "/admin-api/users", keys["bob"]);
        Assert.Equal(HttpStatusCode.Forbidden, bob.StatusCode);
        Assert.Equal("You cannot consume this service", JsonNode.Parse(await bob.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());

        using var nobody = await node.Proxy.GetAsync("/admin-api/users");
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode); // key-auth runs first (priority 1250 > 950)

        var closed = await node.Proxy.GetJson("/closed/anything");
        Assert.Equal(HttpStatusCode.Forbidden, closed.Status);
        Assert.Equal("closed for maintenance", closed.Object["message"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> Send(DataPlaneProcess node, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("apikey", key);
        return await node.Proxy.SendAsync(request);
    }
}
