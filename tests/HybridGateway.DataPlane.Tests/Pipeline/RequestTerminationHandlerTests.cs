using System.Text;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.RequestTermination;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline;

public sealed class RequestTerminationHandlerTests
{
    [Theory]
    [InlineData("{}", 503, "application/json; charset=utf-8", "{\"message\":\"Service unavailable\"}")]
    [InlineData("{\"status_code\":401}", 401, "application/json; charset=utf-8", "{\"message\":\"Unauthorized\"}")]
    [InlineData("{\"status_code\":403,\"message\":\"So long and thanks for all the fish!\"}", 403, "application/json; charset=utf-8", "{\"message\":\"So long and thanks for all the fish!\"}")]
    [InlineData("{\"status_code\":418}", 418, null, "")]
    [InlineData("{\"status_code\":403}", 403, null, "")]
    [InlineData("{\"status_code\":204,\"message\":\"ignored\"}", 204, null, "")]
    [InlineData("{\"status_code\":200,\"body\":\"<h1>maintenance</h1>\",\"content_type\":\"text/html\"}", 200, "text/html", "<h1>maintenance</h1>")]
    public async Task Access_AnswersWithTheConfiguredResponse(string config, int status, string? contentType, string body)
    {
        var (passed, http) = await RunAsync(config, "");

        Assert.False(passed);
        Assert.Equal(status, http.Response.StatusCode);
        Assert.Equal(contentType, http.Response.ContentType);
        Assert.Equal(body.Length, http.Response.ContentLength);
        Assert.Equal(body, Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
    }

    [Theory]
    [InlineData("", false, true)]
    [InlineData("?x-stop=1", false, false)]
    [InlineData("?x-stop", false, false)]
    [InlineData("", true, false)]
    public async Task Access_WithATrigger_StopsOnlyRequestsCarryingIt(string query, bool header, bool expectPassed)
    {
        var (passed, _) = await RunAsync("{\"trigger\":\"x-stop\"}", query, http =>
        {
            if (header)
            {
                http.Request.Headers["X-Stop"] = "yes";
            }
        });

        Assert.Equal(expectPassed, passed);
    }

    [Fact]
    public async Task Echo_AnswersWithTheRequestItself_AndTheMatchedRouteAndService()
    {
        var (passed, http) = await RunAsync("{\"echo\":true,\"status_code\":418,\"message\":\"teapot\"}", "?a=1&a=2&flag&b=x%20y", http =>
        {
            http.Request.Method = "POST";
            http.Request.Scheme = "https";
            http.Request.Host = new HostString("shop.example", 8443);
            http.Request.Path = "/orders";
            http.Request.Headers["X-Trace"] = "t-1";
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream("{\"item\":7}"u8.ToArray());
        });

        Assert.False(passed);
        Assert.Equal(418, http.Response.StatusCode);
        Assert.Equal("application/json", http.Response.ContentType);
        var echo = System.Text.Json.Nodes.JsonNode.Parse(((MemoryStream)http.Response.Body).ToArray())!;
        Assert.Equal("teapot", echo["message"]!.GetValue<string>());
        var request = echo["request"]!;
        Assert.Equal("https", request["scheme"]!.GetValue<string>());
        Assert.Equal("shop.example", request["host"]!.GetValue<string>());
        Assert.Equal(8443, request["port"]!.GetValue<int>());
        Assert.Equal("POST", request["method"]!.GetValue<string>());
        Assert.Equal("t-1", request["headers"]!["x-trace"]!.GetValue<string>());
        Assert.Equal("[\"1\",\"2\"]", request["query"]!["a"]!.ToJsonString());
        Assert.True(request["query"]!["flag"]!.GetValue<bool>());
        Assert.Equal("x y", request["query"]!["b"]!.GetValue<string>());
        Assert.Equal("{\"item\":7}", request["raw_body"]!.GetValue<string>());
        Assert.Equal(7, request["body"]!["item"]!.GetValue<int>());
        Assert.Equal("s", echo["matched_service"]!["name"]!.GetValue<string>());
        Assert.Equal("r", echo["matched_route"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"status_code\":101}", "informational")]
    public void Runtime_WhatItCannotDo_IsRefusedAsUnsupported(string config, string reason)
    {
        var service = Service("s");
        var route = Route(service, "r");

        Assert.Contains(reason, new RequestTerminationRuntime().Unsupported(Plugin("request-termination", config, route)), StringComparison.Ordinal);
    }

    private static async Task<(bool Passed, DefaultHttpContext Http)> RunAsync(string config, string query, Action<DefaultHttpContext>? arrange = null)
    {
        var service = Service("s");
        var route = Route(service, "r");
        var plugin = Plugin("request-termination", config, route);
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        arrange?.Invoke(http);
        var handler = new RequestTerminationRuntime().Compile(plugin);
        return (await handler.AccessAsync(new PluginRequest(http, Serving(State(service, route, plugin)), query) { Route = route }), http);
    }
}
