using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>
/// key-auth end to end: a key created through the Admin API (stored only as a hash) opens a route on
/// a real data plane, a missing or wrong key gets Kong's 401, and revoking the key closes the route.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class KeyAuthTests
{
    [Fact]
    public async Task KeyAuth_OnAService_GuardsItsRoutesOnTheDataPlane_UntilTheKeyIsRevoked()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-keys");
        var admin = hybrid.Admin;
        await hybrid.AddEchoRouteAsync("orders", "/orders");
        await hybrid.AddEchoRouteAsync("open", "/open");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/consumers", new { username = "alice", custom_id = "c-42" })).Status);
        var credential = await admin.PostJson("/consumers/alice/key-auth", new { });
        Assert.Equal(HttpStatusCode.Created, credential.Status);
        var key = credential.Object["key"]!.GetValue<string>();
        var plugin = await admin.PostJson("/services/orders/plugins", new { name = "key-auth", config = new { hide_credentials = true } });
        Assert.Equal(HttpStatusCode.Created, plugin.Status);
        await node.WaitForVersionAsync(plugin.ConfigVersion!.Value);

        using var missing = await node.Proxy.GetAsync("/orders");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Key", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal("No API key found in request", await MessageOf(missing));

        using var wrong = await Send(node, "/orders", "not-" + key);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Unauthorized", await MessageOf(wrong));

        using var right = await Send(node, "/orders/items?x=1", key);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var seen = JsonNode.Parse(await right.Content.ReadAsStringAsync())!;
        var headers = seen["headers"]!.AsObject();
        Assert.Equal("alice", headers["x-consumer-username"]!.GetValue<string>());
        Assert.Equal("c-42", headers["x-consumer-custom-id"]!.GetValue<string>());
        Assert.Equal(credential.Object["id"]!.GetValue<string>(), headers["x-credential-identifier"]!.GetValue<string>());
        Assert.False(headers.ContainsKey("apikey")); // hide_credentials

        var inQuery = await node.Proxy.GetJson("/orders/q?apikey=" + Uri.EscapeDataString(key) + "&y=2");
        Assert.Equal(HttpStatusCode.OK, inQuery.Status);
        Assert.Equal("?y=2", inQuery.Object["query"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetJson("/open")).Status); // another service: no plugin

        var revoked = await admin.Delete("/consumers/alice/key-auth/" + credential.Object["id"]);
        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
        await node.WaitForVersionAsync(revoked.ConfigVersion!.Value);
        using var afterRevoke = await Send(node, "/orders", key);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal("Unauthorized", await MessageOf(afterRevoke));
    }

    private static async Task<HttpResponseMessage> Send(DataPlaneProcess node, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("apikey", key);
        return await node.Proxy.SendAsync(request);
    }

    private static async Task<string> MessageOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>();
}
