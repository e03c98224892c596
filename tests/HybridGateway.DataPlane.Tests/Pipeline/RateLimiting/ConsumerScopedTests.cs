using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Pipeline;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline.RateLimiting;

/// <summary>A consumer-scoped instance gives one consumer its own limit, once key-auth has identified it (Kong's precedence).</summary>
public sealed class ConsumerScopedTests
{
    [Fact]
    public async Task ConsumerScopedLimit_AppliesToThatConsumer_OthersKeepTheRoutesLimit()
    {
        var service = Service("orders");
        var route = Route(service, "orders");
        var alice = Consumer("alice");
        var bob = Consumer("bob");
        var state = State(service, route, alice, Key(alice, "alice-key"), bob, Key(bob, "bob-key"),
            Plugin("key-auth", "{}", route),
            Plugin("rate-limiting", """{"minute":3}""", route),
            Plugin("rate-limiting", """{"minute":1}""") with { Consumer = EntityRef.To(alice.Id) },
            Plugin("rate-limiting", """{"minute":10}""", route) with { Consumer = EntityRef.To(bob.Id) });
        var chain = Chains.Build(state, [route]).For(route.Id)!;

        async Task<HttpContext> Send(string key)
        {
            var http = new DefaultHttpContext();
            http.Request.Method = "GET";
            http.Request.Headers["apikey"] = key;
            http.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
            http.Response.Body = new MemoryStream();
            await chain.AccessAsync(new PluginRequest(http, Serving(state), "") { Route = route });
            return http;
        }

        // alice: the consumer-only instance (rank consumer) beats the route's.
        Assert.Equal("1", (await Send("alice-key")).Response.Headers["X-RateLimit-Limit-Minute"].ToString());
        Assert.Equal(429, (await Send("alice-key")).Response.StatusCode);
        // bob: the consumer+route instance beats the route's.
        Assert.Equal("10", (await Send("bob-key")).Response.Headers["X-RateLimit-Limit-Minute"].ToString());
        // key-auth refuses an unknown key before rate-limiting runs.
        Assert.Equal(401, (await Send("nobody")).Response.StatusCode);
    }

    [Fact]
    public void ConsumerScopedKeyAuth_IsRefusedAsKongsNoConsumer()
    {
        var alice = Consumer("alice");
        var plugin = Plugin("key-auth", "{}") with { Consumer = EntityRef.To(alice.Id) };

        Assert.Contains("cannot be scoped to a consumer", PluginRuntimes.Default.UnsupportedOption(plugin), StringComparison.Ordinal);
        Assert.Null(PluginRuntimes.Default.UnsupportedOption(Plugin("rate-limiting", """{"minute":1}""") with { Consumer = EntityRef.To(alice.Id) }));
    }
}
