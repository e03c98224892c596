using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Tests.Support;
using static HybridGateway.Configuration.Tests.Support.SampleEntities;

namespace HybridGateway.Configuration.Tests.State;

public sealed class CascadeTests
{
    [Fact]
    public void DeletionOf_Consumer_TakesItsCredentialsAclsAndPluginsButNoOneElses()
    {
        var alice = Consumer("alice");
        var bob = Consumer("bob");
        var owned = new ConfigEntity[]
        {
            KeyAuth(alice, "alice-key"), BasicAuth(alice, "alice"), Jwt(alice, "alice-iss"), Acl(alice, "admins"), Plugin(consumer: alice),
        };
        var state = Upsert(ConfigState.Empty, [alice, bob, .. owned, KeyAuth(bob, "bob-key"), Acl(bob, "admins"), Plugin(consumer: bob)]);

        var deletion = Cascade.DeletionOf(state, EntityKinds.Consumers, alice.Id);

        Assert.All(deletion, change => Assert.True(change.IsDelete));
        Assert.Equal(
            owned.Select(e => (EntityKinds.Of(e).Name, e.Id)).Append(("consumers", alice.Id)).Order(),
            deletion.Select(c => (c.Kind.Name, c.Id)).Order());
    }

    [Fact]
    public void DeletionOf_Consumer_AppliesAndLeavesNothingOfIt()
    {
        var alice = Consumer("alice");
        var bob = Consumer("bob");
        var state = Upsert(ConfigState.Empty, alice, bob, KeyAuth(alice, "k"), BasicAuth(alice, "alice"), Jwt(alice, "i"), Acl(alice, "g"), Plugin(consumer: alice), Acl(bob, "g"));

        state = Apply(state, Cascade.DeletionOf(state, EntityKinds.Consumers, alice.Id));

        Assert.Equal(2, state.TotalCount);
        Assert.NotNull(state.Find<Consumer>(bob.Id));
        Assert.Single(state.All<Acl>());
    }

    [Fact]
    public void DeletionOf_Service_TakesItsPluginsButNotItsRoutes()
    {
        var service = Service("s");
        var route = Route(service, "r");
        var plugin = Plugin(service: service);
        var state = Upsert(ConfigState.Empty, service, route, plugin);

        var deletion = Cascade.DeletionOf(state, EntityKinds.Services, service.Id);
        var result = state.Apply(deletion, 2, TestConfig.Validation);

        Assert.Equal(new[] { plugin.Id, service.Id }.Order(), deletion.Select(c => c.Id).Order());
        Assert.Equal("an existing 'routes' entity references this 'services' entity", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void DeletionOf_Route_TakesPluginsScopedToItOnlyOnce()
    {
        var service = Service("s");
        var route = Route(service, "r");
        var consumer = Consumer("c");
        var onRoute = Plugin(route: route);
        var onRouteAndConsumer = Plugin(route: route, consumer: consumer, name: "rate-limiting") with
        {
            Config = System.Text.Json.JsonSerializer.SerializeToElement(new { minute = 5 }),
        };
        var onService = Plugin(service: service, name: "cors");
        var state = Upsert(ConfigState.Empty, service, route, consumer, onRoute, onRouteAndConsumer, onService);

        var deletion = Cascade.DeletionOf(state, EntityKinds.Routes, route.Id);

        Assert.Equal(new[] { route.Id, onRoute.Id, onRouteAndConsumer.Id }.Order(), deletion.Select(c => c.Id).Order());
    }

    [Fact]
    public void DeletionOf_Upstream_TakesItsTargets()
    {
        var upstream = Upstream("backend");
        var other = Upstream("other");
        var targets = new[] { Target(upstream, "10.0.0.1:80"), Target(upstream, "10.0.0.2:80") };
        var state = Upsert(ConfigState.Empty, [upstream, other, .. targets, Target(other, "10.0.0.3:80")]);

        state = Apply(state, Cascade.DeletionOf(state, EntityKinds.Upstreams, upstream.Id));

        Assert.Equal(["10.0.0.3:80"], state.All<Target>().Select(t => t.Address));
    }

    [Fact]
    public void DeletionOf_Certificate_TakesItsSnis()
    {
        var certificate = Certificate(TestCertificates.Rsa);
        var state = Upsert(ConfigState.Empty, certificate, Sni(certificate, "a.example.com"), Sni(certificate, "*.b.example.com"));

        var deletion = Cascade.DeletionOf(state, EntityKinds.Certificates, certificate.Id);
        state = Apply(state, deletion);

        Assert.Equal(3, deletion.Count);
        Assert.Equal(0, state.TotalCount);
    }

    [Fact]
    public void DeletionOf_EntityNobodyReferences_IsJustItsOwnDelete()
    {
        var consumer = Consumer("lonely");
        var state = Upsert(ConfigState.Empty, consumer);

        var deletion = Cascade.DeletionOf(state, EntityKinds.Consumers, consumer.Id);

        Assert.Equal([EntityChange.Delete(EntityKinds.Consumers, consumer.Id)], deletion);
    }
}
