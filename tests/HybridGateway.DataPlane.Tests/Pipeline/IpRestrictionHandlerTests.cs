using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.IpRestriction;
using HybridGateway.DataPlane.Proxy;
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

    /// <summary>Only a trusted peer's real-IP header counts, only that one header (X-Real-IP unless configured), and only a single value.</summary>
    [Theory]
    [InlineData(true, "X-Real-IP", "6.6.6.6", null, false)]
    [InlineData(true, "X-Real-IP", null, "1.1.1.1, 6.6.6.6", true)]
    [InlineData(true, "X-Forwarded-For", null, "1.1.1.1, 6.6.6.6", false)]
    [InlineData(true, "X-Forwarded-For", "6.6.6.6", "6.6.6.6, 1.1.1.1", true)]
    [InlineData(true, "X-Real-IP", "not-an-ip", null, true)]
    [InlineData(false, "X-Real-IP", "6.6.6.6", "6.6.6.6", true)]
    public async Task Access_ForwardedAddress_CountsOnlyFromATrustedProxysRealIpHeader(
        bool trustedPeer, string realIpHeader, string? realIp, string? forwardedFor, bool expectPassed)
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
        }, realIpHeader);

        Assert.Equal(expectPassed, passed);
    }

    [Fact]
    public async Task Access_TheRealIpHeaderTwice_IsNotBelieved()
    {
        var (passed, _) = await RunAsync("{\"allow\":[\"1.1.1.1\"]}", "10.0.0.5", true,
            http => http.Request.Headers["X-Real-IP"] = new Microsoft.Extensions.Primitives.StringValues(["1.1.1.1", "1.1.1.1"]));

        Assert.False(passed);
    }

    [Theory]
    [InlineData("::ffff:10.0.0.0/104", "10.1.2.3", false)]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3", false)]
    [InlineData("::ffff:10.1.2.3", "::ffff:10.1.2.3", false)]
    [InlineData("::ffff:10.0.0.0/104", "11.1.2.3", true)]
    public async Task Access_Ipv4MappedEntries_MatchIpv4Clients(string entry, string peer, bool expectPassed)
    {
        var (passed, _) = await RunAsync("{\"deny\":[\"" + entry + "\"]}", peer, false);

        Assert.Equal(expectPassed, passed);
    }

    [Fact]
    public async Task Access_StatusWithoutABody_SendsNone()
    {
        var (passed, http) = await RunAsync("{\"deny\":[\"10.0.0.5\"],\"status\":204}", "10.0.0.5", false);

        Assert.False(passed);
        Assert.Equal(204, http.Response.StatusCode);
        Assert.Equal(0, http.Response.ContentLength);
        Assert.Equal(0, http.Response.Body.Length);
    }

    [Fact]
    public async Task Access_CustomStatusAndMessage_AreUsed()
    {
        var (passed, http) = await RunAsync("{\"deny\":[\"10.0.0.5\"],\"status\":451,\"message\":\"not here\"}", "10.0.0.5", false);

        Assert.False(passed);
        Assert.Equal(451, http.Response.StatusCode);
        Assert.Equal("not here", Message(http));
    }

    private static async Task<(bool Passed, DefaultHttpContext Http)> RunAsync(
        string config, string peer, bool trustedPeer, Action<DefaultHttpContext>? arrange = null, string realIpHeader = "X-Real-IP")
    {
        var service = Service("s");
        var route = Route(service, "r");
        var plugin = Plugin("ip-restriction", config, route);
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        http.Response.Body = new MemoryStream();
        arrange?.Invoke(http);
        var handler = new IpRestrictionRuntime().Compile(plugin);
        return (await handler.AccessAsync(new PluginRequest(http, Serving(State(service, route, plugin)), "", trustedPeer, new TrustedProxies([], realIpHeader))), http);
    }

    private static string Message(DefaultHttpContext http) =>
        JsonNode.Parse(((MemoryStream)http.Response.Body).ToArray())!["message"]!.GetValue<string>();
}
