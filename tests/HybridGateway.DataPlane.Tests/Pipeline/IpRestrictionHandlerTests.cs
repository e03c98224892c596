using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.IpRestriction;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline;

public sealed class IpRestrictionHandlerTests
{
    [Theory]
    [InlineData("{\"deny\":[\"10.0.0.0/8\"]}", "10.1.2.3", false)]
    [InlineData("{\"deny\":[\"10.0.0.0/8\"]}", "192.168.1.1", true)]
    [InlineData("{\"allow\":[\"192.168.1.1\"]}", "192.168.1.1", true)]
    [InlineData("{\"allow\":[\"192.168.1.1\"]}", "192.168.1.2", false)]
    [InlineData("{\"allow\":[\"10.0.0.0/8\"],\"deny\":[\"10.9.0.0/16\"]}", "10.9.1.1", false)]
    [InlineData("{\"allow\":[\"10.0.0.0/8\"],\"deny\":[\"10.9.0.0/16\"]}", "10.8.1.1", true)]
    [InlineData("{\"allow\":[\"127.0.0.1\"]}", "::ffff:127.0.0.1", true)]
    [InlineData("{\"deny\":[\"2001:db8::/32\"]}", "2001:db8::1", false)]
    public async Task Access_DenyThenAllow_DecideOnThePeersAddress(string config, string peer, bool expectPassed)
    {
        var (passed, http) = await RunAsync(config, peer, trustedPeer: false);

        Assert.Equal(expectPassed, passed);
        if (!expectPassed)
        {
            Assert.Equal(403, http.Response.StatusCode);
            Assert.Equal("Your IP address is not allowed", Message(http));
        }
    }

    [Theory]
    [InlineData(true, "6.6.6.6", null, false)]
    [InlineData(true, null, "1.1.1.1, 6.6.6.6", false)]
    [InlineData(true, null, "6.6.6.6, 1.1.1.1", true)]
    [InlineData(false, "6.6.6.6", "6.6.6.6", true)]
    public async Task Access_ForwardedAddress_CountsOnlyFromATrustedProxy(bool trustedPeer, string? realIp, string? forwardedFor, bool expectPassed)
    {
        var (passed, _) = await RunAsync("{\"deny\":[\"6.6.6.6\"]}", "10.0.0.5", trustedPeer, http =>
        {
            if (realIp is not null)
            {
                http.Request.Headers["X-Real-IP"] = realIp;
            }
            if (forwardedFor is not null)
            {
                http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });

        Assert.Equal(expectPassed, passed);
    }

    [Fact]
    public async Task Access_CustomStatusAndMessage_AreUsed()
    {
        var (passed, http) = await RunAsync("{\"deny\":[\"10.0.0.5\"],\"status\":451,\"message\":\"not here\"}", "10.0.0.5", false);

        Assert.False(passed);
        Assert.Equal(451, http.Response.StatusCode);
        Assert.Equal("not here", Message(http));
    }

    private static async Task<(bool Passed, DefaultHttpContext Http)> RunAsync(string config, string peer, bool trustedPeer, Action<DefaultHttpContext>? arrange = null)
    {
        var service = Service("s");
        var route = Route(service, "r");
        var plugin = AclHandlerTests.Plugin("ip-restriction", config, route);
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        http.Response.Body = new MemoryStream();
        arrange?.Invoke(http);
        var handler = new IpRestrictionRuntime().Compile(plugin);
        return (await handler.AccessAsync(new PluginRequest(http, Serving(State(service, route, plugin)), "", trustedPeer)), http);
    }

    private static string Message(DefaultHttpContext http) =>
        JsonNode.Parse(((MemoryStream)http.Response.Body).ToArray())!["message"]!.GetValue<string>();
}
