using System.Text.Json;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>
/// A plugin instance. Its scope is the set of route, service and consumer it names (none: global).
/// The config is the plugin's own record, validated by that plugin's schema and stored with defaults filled.
/// </summary>
public sealed record Plugin : ConfigEntity
{
    [Required]
    public string Name { get; init; } = "";

    public string? InstanceName { get; init; }

    public JsonElement? Config { get; init; }

    public bool Enabled { get; init; } = true;

    [MinLength(1)]
    [OneOf(Entities.Protocols.Grpc, Entities.Protocols.Grpcs, Entities.Protocols.Http,
        Entities.Protocols.Https, Entities.Protocols.Ws, Entities.Protocols.Wss)]
    public IReadOnlyList<string> Protocols { get; init; } =
        [Entities.Protocols.Grpc, Entities.Protocols.Grpcs, Entities.Protocols.Http, Entities.Protocols.Https];

    public EntityRef? Route { get; init; }

    public EntityRef? Service { get; init; }

    public EntityRef? Consumer { get; init; }
}
