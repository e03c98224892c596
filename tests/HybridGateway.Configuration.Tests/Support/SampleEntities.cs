using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;

namespace HybridGateway.Configuration.Tests.Support;

/// <summary>Small valid entities with fresh ids, and a way to apply them that fails the test when they are refused.</summary>
public static class SampleEntities
{
    public static Service Service(string name, string host = "example.com") =>
        new() { Id = Guid.NewGuid(), Name = name, Host = host };

    public static Route Route(Service service, string name) =>
        new() { Id = Guid.NewGuid(), Name = name, Paths = ["/" + name], Service = EntityRef.To(service.Id) };

    public static Consumer Consumer(string username) => new() { Id = Guid.NewGuid(), Username = username };

    public static KeyAuthCredential KeyAuth(Consumer consumer, string key) =>
        new() { Id = Guid.NewGuid(), Consumer = EntityRef.To(consumer.Id), KeyHash = KeyHash.Of(key) };

    public static BasicAuthCredential BasicAuth(Consumer consumer, string username) =>
        new() { Id = Guid.NewGuid(), Consumer = EntityRef.To(consumer.Id), Username = username, PasswordHash = PasswordHash.Create("pw", 1_000) };

    public static JwtSecret Jwt(Consumer consumer, string key) =>
        new() { Id = Guid.NewGuid(), Consumer = EntityRef.To(consumer.Id), Key = key, Secret = "shared-secret" };

    public static Acl Acl(Consumer consumer, string group) =>
        new() { Id = Guid.NewGuid(), Consumer = EntityRef.To(consumer.Id), Group = group };

    /// <summary>A request-termination plugin: its defaults are a valid config, and it may be attached anywhere.</summary>
    public static Plugin Plugin(Service? service = null, Route? route = null, Consumer? consumer = null, string name = "request-termination") =>
        new()
        {
            Id = Guid.NewGuid(),
            Name = name,
            Service = service is null ? null : EntityRef.To(service.Id),
            Route = route is null ? null : EntityRef.To(route.Id),
            Consumer = consumer is null ? null : EntityRef.To(consumer.Id),
        };

    public static Upstream Upstream(string name) => new() { Id = Guid.NewGuid(), Name = name };

    public static Target Target(Upstream upstream, string address) =>
        new() { Id = Guid.NewGuid(), Upstream = EntityRef.To(upstream.Id), Address = address };

    public static Certificate Certificate(PemPair pair) => new() { Id = Guid.NewGuid(), Cert = pair.Cert, Key = pair.Key };

    public static Sni Sni(Certificate certificate, string name) =>
        new() { Id = Guid.NewGuid(), Name = name, Certificate = EntityRef.To(certificate.Id) };

    /// <summary>Upserts the entities as one change and returns the new state; the test fails if the change is refused.</summary>
    public static ConfigState Upsert(ConfigState state, params ConfigEntity[] entities) =>
        Apply(state, entities.Select(EntityChange.Upsert).ToArray());

    public static ConfigState Apply(ConfigState state, IReadOnlyList<EntityChange> changes)
    {
        var result = state.Apply(changes, state.Version + 1, TestConfig.Validation);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result.State!;
    }
}
