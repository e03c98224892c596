using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.Cors;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline;

public sealed class CorsHandlerTests
{
    [Theory]
    [InlineData("https://shop.example.com", "https://shop.example.com", true)]
    [InlineData("https://shop.example.com", "https://shop.example.com:443", true)]
    [InlineData("https://shop.example.com", "HTTPS://SHOP.EXAMPLE.COM", true)]
    [InlineData("https://shop.example.com", "http://shop.example.com", false)]
    [InlineData("https://shop.example.com", "https://shop.example.com.evil.io", false)]
    [InlineData("http://localhost:3000", "http://localhost:3000", true)]
    [InlineData("http://localhost:3000", "http://localhost:3001", false)]
    [InlineData("https://.*\\.example\\.com", "https://a.example.com", false)] // the regex sees the normalized origin, port included
    [InlineData("https://.*\\.example\\.com:443", "https://a.example.com", true)]
    [InlineData("https://.*\\.example\\.com:443", "https://a.example.com.evil.io", false)]
    [InlineData("(?i)https://(a|b)\\.test:\\d+", "https://b.test:8443", true)]
    public void Origins_MatchAsKongDoes(string configured, string requestOrigin, bool allowed) =>
        Assert.Equal(allowed, new CorsOrigins([configured]).Allows(requestOrigin));

    [Fact]
    public async Task Preflight_IsAnsweredHere_WithTheConfiguredHeaders()
    {
        var http = Preflight("https://shop.example.com", requestHeaders: "x-token");

        var passed = await RunAsync("{\"origins\":[\"https://shop.example.com\"],\"methods\":[\"GET\",\"POST\"],\"max_age\":600,\"credentials\":true}", http);

        Assert.False(passed);
        Assert.Equal(200, http.Response.StatusCode);
        var headers = http.Response.Headers;
        Assert.Equal("https://shop.example.com", headers.AccessControlAllowOrigin.ToString());
        Assert.Equal("true", headers.AccessControlAllowCredentials.ToString());
        Assert.Equal("GET,POST", headers.AccessControlAllowMethods.ToString());
        Assert.Equal("x-token", headers.AccessControlAllowHeaders.ToString());
        Assert.Equal("600", headers.AccessControlMaxAge.ToString());
        Assert.Equal("Origin", headers.Vary.ToString());
    }

    [Fact]
    public async Task Preflight_FromAnOriginNotAllowed_GetsNoAllowOrigin()
    {
        var http = Preflight("https://evil.example.net");

        Assert.False(await RunAsync("{\"origins\":[\"https://shop.example.com\"]}", http));
        Assert.False(http.Response.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData(false, "*")]
    [InlineData(true, "https://anyone.test")]
    public async Task Preflight_AllOrigins_IsStarUnlessCredentials(bool credentials, string expected)
    {
        var http = Preflight("https://anyone.test");

        Assert.False(await RunAsync("{\"credentials\":" + (credentials ? "true" : "false") + "}", http));
        Assert.Equal(expected, http.Response.Headers.AccessControlAllowOrigin.ToString());
    }

    [Fact]
    public async Task Preflight_WithPreflightContinue_GoesUpstream()
    {
        var http = Preflight("https://shop.example.com");

        Assert.True(await RunAsync("{\"preflight_continue\":true}", http));
        Assert.False(http.Response.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task OptionsWithoutRequestMethod_IsNotAPreflight()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "OPTIONS";
        http.Request.Headers.Origin = "https://shop.example.com";

        Assert.True(await RunAsync("{}", http));
    }

    private static DefaultHttpContext Preflight(string origin, string? requestHeaders = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "OPTIONS";
        http.Request.Headers.Origin = origin;
        http.Request.Headers.AccessControlRequestMethod = "POST";
        if (requestHeaders is not null)
        {
            http.Request.Headers.AccessControlRequestHeaders = requestHeaders;
        }
        return http;
    }

    private static async Task<bool> RunAsync(string config, DefaultHttpContext http)
    {
        var service = Service("s");
        var route = Route(service, "r");
        var plugin = Plugin("cors", config, route);
        return await new CorsRuntime().Compile(plugin).AccessAsync(new PluginRequest(http, Serving(State(service, route, plugin)), ""));
    }
}
