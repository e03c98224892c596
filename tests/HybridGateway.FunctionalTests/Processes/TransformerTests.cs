using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>request-transformer through the Admin API, sync and a data-plane process: what the upstream receives.</summary>
[Collection(ProcessCollection.Name)]
public sealed class TransformerTests
{
    [Fact]
    public async Task RequestTransformer_RewritesWhatTheUpstreamReceives()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-transform");
        await hybrid.AddEchoRouteAsync("accounts", "/accounts", new { name = "accounts", paths = new[] { "~/accounts/(?<id>\\d+)$" } });
        var plugin = await hybrid.Admin.PostJson("/routes/accounts/plugins", new
        {
            name = "request-transformer",
            config = new
            {
                remove = new { headers = new[] { "x-internal" }, querystring = new[] { "debug" }, body = new[] { "password" } },
                rename = new { headers = new[] { "x-client:x-caller" } },
                add = new { headers = new[] { "x-account:$(uri_captures.id)" }, querystring = new[] { "via:gateway" }, body = new[] { "source:edge" } },
                replace = new { uri = "/v2/accounts/$(uri_captures.id)" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, plugin.Status);
        await node.WaitForVersionAsync(plugin.ConfigVersion!.Value);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/42?debug=1&keep=yes")
        {
            Content = new StringContent("{\"name\":\"ann\",\"password\":\"p\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Internal", "secret");
        request.Headers.Add("X-Client", "web");
        using var response = await node.Proxy.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("/v2/accounts/42", seen["path"]!.GetValue<string>());
        Assert.Equal("?keep=yes&via=gateway", seen["query"]!.GetValue<string>());
        var headers = seen["headers"]!.AsObject();
        Assert.False(headers.ContainsKey("x-internal"));
        Assert.False(headers.ContainsKey("x-client"));
        Assert.Equal("web", headers["x-caller"]!.GetValue<string>());
        Assert.Equal("42", headers["x-account"]!.GetValue<string>());
        var body = JsonNode.Parse(seen["body"]!.GetValue<string>())!;
        Assert.Equal("ann", body["name"]!.GetValue<string>());
        Assert.Null(body["password"]);
        Assert.Equal("edge", body["source"]!.GetValue<string>());
        Assert.Equal(Encoding.UTF8.GetByteCount(seen["body"]!.GetValue<string>()), seen["body_length"]!.GetValue<int>());
    }

    [Fact]
    public async Task ResponseTransformer_RewritesTheHeadersTheClientReceives()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-response-transform");
        await hybrid.AddEchoRouteAsync("shaped", "/shaped");
        var plugin = await hybrid.Admin.PostJson("/routes/shaped/plugins", new
        {
            name = "response-transformer",
            config = new
            {
                rename = new { headers = new[] { "date:x-upstream-date" } },
                replace = new { headers = new[] { "content-type:application/vnd.shop+json", "x-absent:never" } },
                add = new { headers = new[] { "x-served-by:edge", "content-type:ignored" } },
                append = new { headers = new[] { "x-list:a", "x-list:b" } },
            },
        });
        Assert.Equal(HttpStatusCode.Created, plugin.Status);
        await node.WaitForVersionAsync(plugin.ConfigVersion!.Value);

        using var response = await node.Proxy.GetAsync("/shaped");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.shop+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("edge", response.Headers.GetValues("x-served-by").Single());
        Assert.Equal(["a", "b"], response.Headers.GetValues("x-list"));
        Assert.True(response.Headers.Contains("x-upstream-date"));
        Assert.False(response.Headers.Contains("x-absent"));

        // Changing JSON bodies is not built: such a config is refused by the node, not served without it.
        var json = await hybrid.Admin.PatchJson("/plugins/" + plugin.Object["id"], new { config = new { add = new { json = new[] { "k:v" } } } });
        Assert.Equal(HttpStatusCode.OK, json.Status);
        var status = await Eventually.Get(() => hybrid.NodeStatusAsync("node-response-transform"), n => n["sync_status"]!.GetValue<string>() == "nack", "the NACK");
        Assert.Equal("unsupported_feature", status["last_nack"]!["code"]!.GetValue<string>());
    }
}
