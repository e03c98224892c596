using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.Health;
using HybridGateway.DataPlane.LoadBalancing;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Runtime;
using Route = HybridGateway.Configuration.Entities.Route;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline;

public sealed class PluginChainCompilerTests
{
    /// <summary>
    /// Kong's scope precedence: route+service &gt; route &gt; service &gt; global. Each row configures
    /// key-auth at the listed scopes (with a distinct realm each) and names the one that must run.
    /// </summary>
    [Theory]
    [InlineData("global", "global")]
    [InlineData("global service", "service")]
    [InlineData("global service route", "route")]
    [InlineData("global service route route+service", "route+service")]
    [InlineData("service route", "route")]
    [InlineData("global route+service", "route+service")]
    [InlineData("global other-service other-route", "global")]
    public void Chain_SamePluginAtSeveralScopes_TheMostSpecificWins(string scopes, string expected)
    {
        var service = Service("orders");
        var route = Route(service, "orders");
        var other = Service("other");
        var otherRoute = Route(other, "other");
        var plugins = scopes.Split(' ').Select(scope => (Scope: scope, Plugin: scope switch
        {
            "global" => KeyAuth(config: Realm(scope)),
            "service" => KeyAuth(service: service, config: Realm(scope)),
            "route" => KeyAuth(route: route, config: Realm(scope)),
            "route+service" => KeyAuth(service: service, route: route, config: Realm(scope)),
            "other-service" => KeyAuth(service: other, config: Realm(scope)),
            _ => KeyAuth(route: otherRoute, config: Realm(scope)),
        })).ToArray();
        var state = State([service, route, other, otherRoute, .. plugins.Select(p => p.Plugin)]);

        var chain = Chains.Build(state, [route, otherRoute]).For(route.Id);

        var handler = Assert.Single(chain!.Handlers);
        Assert.Equal(plugins.Single(p => p.Scope == expected).Plugin.Id, handler.Plugin.Id);
    }

    [Fact]
    public void Chain_DisabledInstance_HidesNothing()
    {
        var service = Service("orders");
        var route = Route(service, "orders");
        var global = KeyAuth();
        var state = State(service, route, global, KeyAuth(route: route, enabled: false));

        var chain = Chains.Build(state, [route]).For(route.Id);

        Assert.Equal(global.Id, Assert.Single(chain!.Handlers).Plugin.Id);
    }

    [Fact]
    public void Chain_RouteWithoutPlugins_HasNone()
    {
        var service = Service("orders");
        var route = Route(service, "orders");
        var guarded = Route(service, "guarded");
        var state = State(service, route, guarded, KeyAuth(route: guarded));

        var plugins = Chains.Build(state, [route, guarded]);

        Assert.Null(plugins.For(route.Id));
        Assert.NotNull(plugins.For(guarded.Id));
    }

    /// <summary>Every kind of change, applied as a delta, leaves the same chains as compiling the result from scratch.</summary>
    [Fact]
    public void Incremental_AfterEachKindOfChange_EqualsAFullBuild()
    {
        using var clients = new UpstreamClients();
        var compiler = new RuntimeCompiler(clients, Chains, new TargetStates(), NodeLocality.None, HealthEvents.Silent);
        var service = Service("orders");
        var first = Route(service, "first");
        var second = Route(service, "second");
        var alice = Consumer("alice");
        var state = State(service, first, second, alice);
        var serving = compiler.Full(state);
        var forAlice = Plugin("rate-limiting", "{\"second\":5}") with { Consumer = EntityRef.To(alice.Id) };
        var forAliceOnFirst = Plugin("rate-limiting", "{\"second\":9}", first) with { Consumer = EntityRef.To(alice.Id) };

        var onService = KeyAuth(service: service);
        var onRoute = KeyAuth(route: first, config: Realm("route"));
        var global = KeyAuth(config: Realm("global"));
        var other = Service("other");
        var steps = new (string What, EntityChange[] Changes)[]
        {
            ("a route plugin", [EntityChange.Upsert(onRoute)]),
            ("a global plugin", [EntityChange.Upsert(global)]),
            ("a plugin scoped to a consumer", [EntityChange.Upsert(forAlice)]),
            ("a plugin scoped to a consumer and a route", [EntityChange.Upsert(forAliceOnFirst)]),
            ("the consumer-scoped plugin removed", [EntityChange.Delete(EntityKinds.Plugins, forAlice.Id)]),
            ("the route plugin's scope changed to the service", [EntityChange.Upsert(onRoute with { Route = null, Service = EntityRef.To(service.Id) })]),
            ("the global plugin disabled", [EntityChange.Upsert(global with { Enabled = false })]),
            ("the global plugin enabled", [EntityChange.Upsert(global)]),
            ("a route moved to another service", [EntityChange.Upsert(other), EntityChange.Upsert(first with { Service = EntityRef.To(other.Id) })]),
            ("the route moved back into the guarded service", [EntityChange.Upsert(first)]),
            ("the service disabled", [EntityChange.Upsert(service with { Enabled = false })]),
            ("the service enabled again", [EntityChange.Upsert(service)]),
            ("the service-scoped plugin removed", [EntityChange.Delete(EntityKinds.Plugins, onRoute.Id)]),
            ("a service plugin", [EntityChange.Upsert(onService)]),
            ("the service plugin disabled", [EntityChange.Upsert(onService with { Enabled = false })]),
            ("the service plugin enabled", [EntityChange.Upsert(onService)]),
            ("the global plugin removed", [EntityChange.Delete(EntityKinds.Plugins, global.Id)]),
            ("the service removed with its routes and plugin",
                [EntityChange.Delete(EntityKinds.Plugins, onService.Id), EntityChange.Delete(EntityKinds.Plugins, forAliceOnFirst.Id), EntityChange.Delete(EntityKinds.Routes, first.Id),
                 EntityChange.Delete(EntityKinds.Routes, second.Id), EntityChange.Delete(EntityKinds.Services, service.Id)]),
        };
        foreach (var (what, changes) in steps)
        {
            var next = Apply(state, changes);
            serving = compiler.Incremental(serving, next, changes);
            var full = compiler.Full(next);
            Assert.Equal(full.Plugins.ByRoute.Count, serving.Plugins.ByRoute.Count);
            foreach (var route in next.All<Route>())
            {
                Assert.True(
                    Ids(full.Plugins.For(route.Id)).SequenceEqual(Ids(serving.Plugins.For(route.Id))),
                    "after " + what + ", route " + route.Name + ": full build " + string.Join(",", Ids(full.Plugins.For(route.Id)))
                        + ", incremental " + string.Join(",", Ids(serving.Plugins.For(route.Id))));
            }
            state = next;
        }
    }

    /// <summary>A request cannot choose to skip a plugin: protocols say where it may be attached, not when it runs (as in Kong).</summary>
    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    [InlineData(null)]
    public async Task Chain_RunsWhateverTheRequestClaimsToBe(string? contentType)
    {
        var service = Service("orders");
        var route = Route(service, "orders");
        var httpOnly = KeyAuth(route: route) with { Protocols = ["http", "https"] };
        var wsOnly = KeyAuth(service: service) with { Protocols = ["ws", "wss"] };
        foreach (var plugin in new[] { httpOnly, wsOnly })
        {
            var chain = Chains.Build(State(service, route, plugin), [route]).For(route.Id)!;
            var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            http.Request.ContentType = contentType;
            http.Response.Body = new MemoryStream();

            Assert.False(await chain.AccessAsync(new PluginRequest(http, Serving(State(service, route, plugin)), "")));
            Assert.Equal(401, http.Response.StatusCode);
        }
    }

    private static IEnumerable<Guid> Ids(PluginChain? chain) =>
        chain?.Handlers.SelectMany(h => h is ConsumerScopedHandler scoped
            ? new[] { scoped.Fallback?.Plugin.Id ?? Guid.Empty }.Concat(scoped.ByConsumer.OrderBy(c => c.Key).Select(c => c.Value.Plugin.Id))
            : [h.Plugin.Id]) ?? [];

    private static string Realm(string name) => "{\"realm\":\"" + name + "\"}";
}
