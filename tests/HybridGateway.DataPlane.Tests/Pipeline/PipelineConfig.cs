using System.Collections.Immutable;
using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Validation;
using HybridGateway.DataPlane.LoadBalancing;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Routing;
using HybridGateway.DataPlane.Runtime;
using HybridGateway.Plugins;
using Route = HybridGateway.Configuration.Entities.Route;

namespace HybridGateway.DataPlane.Tests.Pipeline;

/// <summary>Entities and states for plugin tests, validated as a node validates them.</summary>
internal static class PipelineConfig
{
    public static EntityValidation Validation { get; } = EntityValidation.Create(PluginCatalog.Default);

    public static PluginChainCompiler Chains { get; } = new(PluginRuntimes.Default);

    public static Service Service(string name) => new() { Id = Guid.NewGuid(), Name = name, Host = "127.0.0.1", Port = 9 };

    public static Route Route(Service service, string name) =>
        new() { Id = Guid.NewGuid(), Name = name, Paths = ["/" + name], Service = EntityRef.To(service.Id) };

    public static Consumer Consumer(string username, string? customId = null) => new() { Id = Guid.NewGuid(), Username = username, CustomId = customId };

    public static KeyAuthCredential Key(Consumer consumer, string key, int? ttl = null, long writtenAt = 0) => new()
    {
        Id = Guid.NewGuid(),
        Consumer = EntityRef.To(consumer.Id),
        KeyHash = KeyHash.Of(key),
        Ttl = ttl,
        CreatedAt = writtenAt,
        UpdatedAt = writtenAt,
    };

    /// <summary>A key-auth instance; <paramref name="config"/> is its config as JSON, defaults filled by the definition.</summary>
    public static Plugin KeyAuth(Service? service = null, Route? route = null, string config = "{}", bool enabled = true) =>
        Plugin("key-auth", config, route, service) with { Enabled = enabled };

    /// <summary>A plugin instance with its config normalized as the control plane stores it.</summary>
    public static Plugin Plugin(string name, string config, Route? route = null, Service? service = null)
    {
        var errors = new FieldErrors();
        var normalized = PluginCatalog.Default.Find(name)!.Normalize(System.Text.Json.Nodes.JsonNode.Parse(config), errors);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.Describe()));
        return new Plugin
        {
            Id = Guid.NewGuid(),
            Name = name,
            Config = normalized,
            Service = service is null ? null : EntityRef.To(service.Id),
            Route = route is null ? null : EntityRef.To(route.Id),
        };
    }

    public static ConfigState State(params ConfigEntity[] entities) => Upsert(ConfigState.Empty, entities);

    public static ConfigState Upsert(ConfigState state, params ConfigEntity[] entities) =>
        Apply(state, entities.Select(EntityChange.Upsert).ToArray());

    public static ConfigState Apply(ConfigState state, IReadOnlyList<EntityChange> changes)
    {
        var result = state.Apply(changes, state.Version + 1, Validation);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result.State!;
    }

    /// <summary>A served config holding only <paramref name="state"/>: enough for a plugin that reads entities.</summary>
    public static RuntimeConfig Serving(ConfigState state) => new()
    {
        State = state,
        Routes = RouteTable.Empty,
        Plugins = RoutePlugins.Empty,
        Certificates = HybridGateway.DataPlane.Tls.ServerCertificates.Empty,
        Services = ImmutableDictionary<Guid, ServiceRuntime>.Empty,
        Upstreams = ImmutableDictionary<string, UpstreamBalancer>.Empty,
        ServicesByHost = ImmutableDictionary<string, ImmutableHashSet<Guid>>.Empty,
    };
}
