using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>What a client sees through a data plane: Kong's routing, paths, headers, errors and balancing.</summary>
[Collection(ProcessCollection.Name)]
public sealed class ProxyBehaviourTests : IAsyncLifetime
{
    private HybridFixture _hybrid = null!;
    private DataPlaneProcess _node = null!;
    private EchoUpstream _second = null!;

    public async Task InitializeAsync()
    {
        _hybrid = await HybridFixture.StartAsync();
        _second = await _hybrid.StartUpstreamAsync("second");
        _node = await _hybrid.StartNodeAsync("node-proxy", settings: new Dictionary<string, string> { ["HGW_DataPlane__TrustedProxies__0"] = "10.9.9.9" });
        var deadPort = FreePort.Next();
        var admin = _hybrid.Admin;
        var echo = _hybrid.Upstream.Url;
        var document = new JsonObject
        {
            ["_format_version"] = "3.0",
            ["services"] = new JsonArray(
                Service("strip", echo + "/base", Route("strip", "/strip")),
                Service("keep", echo + "/base", Route("keep", "/keep", strip: false)),
                Service("host", echo, Route("host", "/host", preserveHost: true)),
                Service("regex", echo, new JsonObject { ["name"] = "regex", ["paths"] = new JsonArray("~/items/(?<id>\\d+)$"), ["regex_priority"] = 5 }),
                Service("methods", echo, new JsonObject { ["name"] = "methods", ["paths"] = new JsonArray("/methods"), ["methods"] = new JsonArray("POST") }),
                Service("dead", "http://127.0.0.1:" + deadPort, Route("dead", "/dead")),
                Service("slow", echo, Route("slow", "/slow"), readTimeout: 500),
                Service("tls-only", echo, new JsonObject { ["name"] = "tls-only", ["paths"] = new JsonArray("/tls-only"), ["protocols"] = new JsonArray("https") }),
                Service("balanced", "http://pool.internal", Route("balanced", "/balanced")),
                Service("retry", "http://flaky.internal", Route("retry", "/retry")),
                Service("disabled", echo, Route("disabled", "/disabled"), enabled: false)),
            ["upstreams"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = "pool.internal",
                    ["targets"] = new JsonArray(
                        new JsonObject { ["target"] = "127.0.0.1:" + _hybrid.Upstream.Port, ["weight"] = 100 },
                        new JsonObject { ["target"] = "127.0.0.1:" + _second.Port, ["weight"] = 50 }),
                },
                new JsonObject
                {
                    ["name"] = "flaky.internal",
                    ["targets"] = new JsonArray(
                        new JsonObject { ["target"] = "127.0.0.1:" + deadPort, ["weight"] = 100 },
                        new JsonObject { ["target"] = "127.0.0.1:" + _hybrid.Upstream.Port, ["weight"] = 100 }),
                }),
        };
        var imported = await admin.Send(HttpMethod.Post, "/config", new StringContent(document.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, imported.Status);
        await _node.WaitForVersionAsync(imported.Object["version"]!.GetValue<long>());
    }

    public async Task DisposeAsync() => await _hybrid.DisposeAsync();

    [Theory]
    [InlineData("/strip/a/b?q=1", "/base/a/b")]
    [InlineData("/strip", "/base")]
    [InlineData("/keep/a", "/base/keep/a")]
    [InlineData("/strip/a/../c", "/base/c")]
    [InlineData("/strip//a///b", "/base/a/b")]
    [InlineData("/%73trip/%7Euser", "/base/~user")]
    [InlineData("/strip/a%2Fb", "/base/a%2Fb")]
    [InlineData("/items/42", "/")]
    public async Task Path_IsNormalizedMatchedAndBuiltAsKongDoes(string requested, string upstreamPath)
    {
        var reply = await _node.Proxy.GetJson(requested);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(upstreamPath, reply.Object["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task NoMatchingRoute_Is404WithKongsMessage()
    {
        var reply = await _node.Proxy.GetJson("/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("no Route matched with those values", reply.Object["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await _node.Proxy.GetJson("/methods")).Status); // GET, the route wants POST
        Assert.Equal(HttpStatusCode.OK, (await _node.Proxy.PostJson("/methods", new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.Proxy.GetJson("/disabled")).Status);
    }

    [Fact]
    public async Task Host_IsTheServicesUnlessTheRoutePreservesIt()
    {
        var normal = await _node.Proxy.GetJson("/strip");
        Assert.Equal("127.0.0.1:" + _hybrid.Upstream.Port, normal.Object["host"]!.GetValue<string>());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/host");
        request.Headers.Host = "client.example.com";
        using var response = await _node.Proxy.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("client.example.com", body["host"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnreachableUpstream_Is502_AndTimeoutIs504()
    {
        var dead = await _node.Proxy.GetJson("/dead");
        Assert.Equal(HttpStatusCode.BadGateway, dead.Status);
        Assert.Equal("An invalid response was received from the upstream server", dead.Object["message"]!.GetValue<string>());
        var slow = await _node.Proxy.GetJson("/slow/delay/5000");
        Assert.Equal(HttpStatusCode.GatewayTimeout, slow.Status);
        Assert.Equal("The upstream server is timing out", slow.Object["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task HttpsOnlyRoute_OverHttp_Is426()
    {
        var reply = await _node.Proxy.GetJson("/tls-only");
        Assert.Equal(HttpStatusCode.UpgradeRequired, reply.Status);
        Assert.Equal("Please use HTTPS protocol", reply.Object["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task WeightedTargets_ShareTrafficByWeight()
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 30; i++)
        {
            var server = (await _node.Proxy.GetJson("/balanced")).Object["server"]!.GetValue<string>();
            counts[server] = counts.GetValueOrDefault(server) + 1;
        }
        Assert.Equal(20, counts["echo"]);
        Assert.Equal(10, counts["second"]);
    }

    [Fact]
    public async Task IdempotentRequests_AreRetriedOnTheNextTarget_OthersAreNot()
    {
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _node.Proxy.GetJson("/retry")).Status);
        }
        var posts = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            posts.Add((await _node.Proxy.PostJson("/retry", new { n = i })).Status);
        }
        Assert.Contains(HttpStatusCode.BadGateway, posts);
        Assert.Contains(HttpStatusCode.OK, posts);
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnUntrustedClient_AreReplaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/strip/who");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Real-IP", "6.6.6.6");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await _node.Proxy.SendAsync(request);
        var headers = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["headers"]!;
        Assert.Equal("127.0.0.1", headers["x-forwarded-for"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", headers["x-real-ip"]!.GetValue<string>());
        Assert.Equal("http", headers["x-forwarded-proto"]!.GetValue<string>());
        Assert.Equal("/strip/who", headers["x-forwarded-path"]!.GetValue<string>());
    }

    [Fact]
    public async Task HopByHopHeaders_AreNotForwarded()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/strip/hop");
        request.Headers.Add("Keep-Alive", "timeout=5");
        request.Headers.Add("Proxy-Authorization", "Basic c2VjcmV0");
        request.Headers.Add("X-Custom", "kept");
        using var response = await _node.Proxy.SendAsync(request);
        var headers = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["headers"]!.AsObject();
        Assert.False(headers.ContainsKey("keep-alive"));
        Assert.False(headers.ContainsKey("proxy-authorization"));
        Assert.Equal("kept", headers["x-custom"]!.GetValue<string>());
    }

    private static JsonObject Service(string name, string url, JsonObject route, int readTimeout = 60000, bool enabled = true) => new()
    {
        ["name"] = name,
        ["url"] = url,
        ["read_timeout"] = readTimeout,
        ["enabled"] = enabled,
        ["routes"] = new JsonArray(route),
    };

    private static JsonObject Route(string name, string path, bool strip = true, bool preserveHost = false) => new()
    {
        ["name"] = name,
        ["paths"] = new JsonArray(path),
        ["strip_path"] = strip,
        ["preserve_host"] = preserveHost,
    };
}
