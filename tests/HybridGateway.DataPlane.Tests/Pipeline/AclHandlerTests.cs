using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.Acl;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;
using AclEntity = HybridGateway.Configuration.Entities.Acl;

namespace HybridGateway.DataPlane.Tests.Pipeline;

/// <summary>acl behind key-auth, through a compiled chain, as a route runs them.</summary>
public sealed class AclHandlerTests
{
    private static readonly Consumer Alice = Consumer("alice");
    private static readonly Consumer Bob = Consumer("bob");
    private static readonly Consumer Nobody = Consumer("nobody");
    private static readonly Consumer Guest = Consumer("guest");

    [Theory]
    [InlineData("{\"allow\":[\"admins\"]}", "alice-key", 0, "admins, dev")]
    [InlineData("{\"allow\":[\"admins\"]}", "bob-key", 403, null)]
    [InlineData("{\"allow\":[\"admins\"]}", "nobody-key", 403, null)]
    [InlineData("{\"deny\":[\"admins\"]}", "alice-key", 403, null)]
    [InlineData("{\"deny\":[\"admins\"]}", "bob-key", 0, "dev")]
    [InlineData("{\"deny\":[\"admins\"]}", "nobody-key", 0, null)]
    [InlineData("{\"allow\":[\"dev\"],\"hide_groups_header\":true}", "alice-key", 0, null)]
    public async Task Access_GroupsDecide_AndAllowedGroupsGoUpstream(string aclConfig, string key, int expectedStatus, string? expectedGroups)
    {
        var (passed, http) = await RunAsync(aclConfig, key);

        Assert.Equal(expectedStatus == 0, passed);
        if (expectedStatus != 0)
        {
            Assert.Equal(expectedStatus, http.Response.StatusCode);
            Assert.Equal("You cannot consume this service", Message(http));
        }
        Assert.Equal(expectedGroups, http.Request.Headers.TryGetValue(AclHandler.GroupsHeader, out var groups) ? groups.ToString() : null);
    }

    [Fact]
    public async Task Access_WithoutAnAuthPluginBeforeIt_Is401()
    {
        var service = Service("orders");
        var route = Route(service, "orders");
        var state = Upsert(People(), service, route, Plugin("acl", "{\"allow\":[\"admins\"]}", route));
        var http = Http("alice-key");

        var passed = await Chains.Build(state, [route]).For(route.Id)!.AccessAsync(new PluginRequest(http, Serving(state), ""));

        Assert.False(passed);
        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("Unauthorized", Message(http));
    }

    /// <summary>As Kong: an identified consumer in no group, the anonymous one included, is 403, not 401.</summary>
    [Fact]
    public async Task Access_AnonymousConsumerWithoutGroups_Is403()
    {
        var (passed, http) = await RunAsync("{\"allow\":[\"admins\"]}", "wrong-key", keyAuthConfig: "{\"anonymous\":\"guest\"}");

        Assert.False(passed);
        Assert.Equal(403, http.Response.StatusCode);
        Assert.Equal("You cannot consume this service", Message(http));
    }

    private static ConfigState People() => State(
        Alice, Key(Alice, "alice-key"), Group(Alice, "dev"), Group(Alice, "admins"),
        Bob, Key(Bob, "bob-key"), Group(Bob, "dev"),
        Nobody, Key(Nobody, "nobody-key"),
        Guest);

    private static async Task<(bool Passed, DefaultHttpContext Http)> RunAsync(string aclConfig, string key, string keyAuthConfig = "{}")
    {
        var service = Service("orders");
        var route = Route(service, "orders");
        var state = Upsert(People(), service, route, Plugin("key-auth", keyAuthConfig, route), Plugin("acl", aclConfig, route));
        var http = Http(key);
        http.Request.Headers[AclHandler.GroupsHeader] = "spoofed";

        var passed = await Chains.Build(state, [route]).For(route.Id)!.AccessAsync(new PluginRequest(http, Serving(state), ""));
        return (passed, http);
    }

    private static DefaultHttpContext Http(string key)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Headers["apikey"] = key;
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static AclEntity Group(Consumer consumer, string group) =>
        new() { Id = Guid.NewGuid(), Consumer = EntityRef.To(consumer.Id), Group = group };

    private static string Message(DefaultHttpContext http) =>
        JsonNode.Parse(((MemoryStream)http.Response.Body).ToArray())!["message"]!.GetValue<string>();
}
