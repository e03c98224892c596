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
}
