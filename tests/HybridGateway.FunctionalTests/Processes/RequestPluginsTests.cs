using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>request-size-limiting, correlation-id, ip-restriction and cors on a real data plane, configured through the Admin API.</summary>
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

    [Fact]
    public async Task Cors_AnswersPreflights_AndDecoratesProxiedResponses_EvenWhenAuthRefuses()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-cors");
        var admin = hybrid.Admin;
        await hybrid.AddEchoRouteAsync("web", "/web");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/services/web/plugins", new
        {
            name = "cors",
            config = new { origins = new[] { "https://shop.example.com" }, exposed_headers = new[] { "X-Total" }, credentials = true, max_age = 600 },
        })).Status);
        await hybrid.AddEchoRouteAsync("private", "/private");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/services/private/plugins", new { name = "cors" })).Status);
        var last = await admin.PostJson("/services/private/plugins", new { name = "key-auth" });
        await node.WaitForVersionAsync(last.ConfigVersion!.Value);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/web/orders");
        preflight.Headers.Add("Origin", "https://shop.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var answered = await node.Proxy.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("https://shop.example.com", answered.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("600", answered.Headers.GetValues("Access-Control-Max-Age").Single());
        Assert.Equal("0", answered.Content.Headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var simple = new HttpRequestMessage(HttpMethod.Get, "/web/orders");
        simple.Headers.Add("Origin", "https://shop.example.com");
        using var proxied = await node.Proxy.SendAsync(simple);
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.Equal("https://shop.example.com", proxied.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", proxied.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.Equal("X-Total", proxied.Headers.GetValues("Access-Control-Expose-Headers").Single());
        Assert.Contains("Origin", proxied.Headers.Vary);

        using var stranger = new HttpRequestMessage(HttpMethod.Get, "/web/orders");
        stranger.Headers.Add("Origin", "https://evil.example.net");
        using var refused = await node.Proxy.SendAsync(stranger);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));

        // cors (2000) runs before key-auth (1250): the 401 still carries the CORS headers a browser needs to read it.
        using var unauthenticated = new HttpRequestMessage(HttpMethod.Get, "/private/x");
        unauthenticated.Headers.Add("Origin", "https://anyone.test");
        using var denied = await node.Proxy.SendAsync(unauthenticated);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal("*", denied.Headers.GetValues("Access-Control-Allow-Origin").Single());
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
