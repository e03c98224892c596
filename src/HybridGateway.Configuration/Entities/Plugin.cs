using System.Text.Json;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.Serialization;

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

    /// <summary>Kept in canonical form (sorted keys), so it reads back from any storage with the same bytes and hash.</summary>
    public JsonElement? Config
    {
        get;
        init => field = value is { } config ? CanonicalJson.Normalize(config) : null;
    }

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
