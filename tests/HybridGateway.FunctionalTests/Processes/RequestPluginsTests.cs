using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>request-size-limiting, correlation-id and ip-restriction on a real data plane, configured through the Admin API.</summary>
[Collection(ProcessCollection.Name)]
public sealed class RequestPluginsTests
{
    [Fact]
    public async Task SizeLimit_CorrelationId_AndIpRestriction_ActOnRealRequests()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-request-plugins");
        var admin = hybrid.Admin;
        await hybrid.AddEchoRouteAsync("limited", "/limited");
        await hybrid.AddEchoRouteAsync("traced", "/traced");
        await hybrid.AddEchoRouteAsync("blocked", "/blocked");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/services/limited/plugins",
            new { name = "request-size-limiting", config = new { allowed_payload_size = 1, size_unit = "kilobytes" } })).Status);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/services/traced/plugins",
            new { name = "correlation-id", config = new { echo_downstream = true } })).Status);
        var last = await admin.PostJson("/services/blocked/plugins", new { name = "ip-restriction", config = new { deny = new[] { "127.0.0.1" } } });
        Assert.Equal(HttpStatusCode.Created, last.Status);
        await node.WaitForVersionAsync(last.ConfigVersion!.Value);

        Assert.Equal(HttpStatusCode.OK, (await Post(node, "/limited", 1024, chunked: false)).Status);
        var declared = await Post(node, "/limited", 1025, chunked: false);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.Status);
        Assert.Equal("Request size limit exceeded", declared.Message);
        Assert.Equal(HttpStatusCode.OK, (await Post(node, "/limited", 1000, chunked: true)).Status);
        var streamed = await Post(node, "/limited", 2 * 1024, chunked: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.Status);
        Assert.Equal("Request size limit exceeded", streamed.Message);

        using var traced = await node.Proxy.GetAsync("/traced");
        var upstreamId = JsonNode.Parse(await traced.Content.ReadAsStringAsync())!["headers"]!["kong-request-id"]!.GetValue<string>();
        Assert.Contains("#", upstreamId, StringComparison.Ordinal);
        Assert.Equal(upstreamId, traced.Headers.GetValues("Kong-Request-ID").Single());

        var blocked = await node.Proxy.GetJson("/blocked");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.Status);
        Assert.Equal("Your IP address is not allowed", blocked.Object["message"]!.GetValue<string>());
    }

    private static async Task<(HttpStatusCode Status, string? Message)> Post(DataPlaneProcess node, string path, int bytes, bool chunked)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(new byte[bytes]) };
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await node.Proxy.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text)?["message"]?.GetValue<string>() : null);
    }
}
