using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>basic-auth end to end: a credential created through the Admin API (its password stored hashed) opens a route on a real data plane, with Kong's 401s and headers.</summary>
[Collection(ProcessCollection.Name)]
public sealed class BasicAuthTests
{
    [Fact]
    public async Task BasicAuth_OnARoute_GuardsIt_WithKongsAnswers_UntilTheCredentialIsDeleted()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-basic");
        var admin = hybrid.Admin;
        await hybrid.AddEchoRouteAsync("ledger", "/ledger");
        await admin.PostJson("/consumers", new { username = "bob", custom_id = "b-1" });
        var credential = await admin.PostJson("/consumers/bob/basic-auth", new { username = "bob-login", password = "correct horse" });
        Assert.Equal(HttpStatusCode.Created, credential.Status);
        var plugin = await admin.PostJson("/routes/ledger/plugins", new { name = "basic-auth", config = new { hide_credentials = true, realm = "ledger" } });
        Assert.Equal(HttpStatusCode.Created, plugin.Status);
        await node.WaitForVersionAsync(plugin.ConfigVersion!.Value);

        using var missing = await node.Proxy.GetAsync("/ledger");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Basic realm=\"ledger\"", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal("Unauthorized", await MessageOf(missing));

        using var wrong = await Send(node, "bob-login", "wrong horse");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Unauthorized", await MessageOf(wrong));

        for (var i = 0; i < 3; i++)
        {
            using var right = await Send(node, "bob-login", "correct horse");
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            var headers = JsonNode.Parse(await right.Content.ReadAsStringAsync())!["headers"]!.AsObject();
            Assert.Equal("bob", headers["x-consumer-username"]!.GetValue<string>());
            Assert.Equal("b-1", headers["x-consumer-custom-id"]!.GetValue<string>());
            Assert.Equal("bob-login", headers["x-credential-identifier"]!.GetValue<string>());
            Assert.False(headers.ContainsKey("authorization")); // hide_credentials
        }

        var deleted = await admin.Delete("/consumers/bob/basic-auth/bob-login");
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        await node.WaitForVersionAsync(deleted.ConfigVersion!.Value);
        using var afterDelete = await Send(node, "bob-login", "correct horse");
        Assert.Equal(HttpStatusCode.Unauthorized, afterDelete.StatusCode);
        Assert.DoesNotContain("correct horse", node.Process!.Output, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Send(DataPlaneProcess node, string username, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ledger/entries");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password)));
        return await node.Proxy.SendAsync(request);
    }

    private static async Task<string> MessageOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>();
}
