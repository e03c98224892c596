using System.Text.Json;
using Google.Protobuf;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Serialization;
using HybridGateway.Configuration.State;
using HybridGateway.Contracts.Sync.V1;

namespace HybridGateway.Sync;

/// <summary>Entities to and from sync resources: the entity's canonical JSON, as the Admin API shows it.</summary>
public static class ResourceCodec
{
    public static Resource ToResource(EntityKind kind, ConfigEntity entity) => new()
    {
        Kind = kind.Name,
        Id = entity.Id.ToString(),
        Json = ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(entity, kind.ClrType, ConfigJson.Options)),
    };

    public static IEnumerable<Resource> ToResources(ConfigState state) =>
        EntityKinds.All.SelectMany(kind => state.All(kind).Select(entity => ToResource(kind, entity)));

    /// <summary>The change a resource stands for, or the reason it is malformed.</summary>
    public static (EntityChange? Change, string? Error) ToChange(Resource resource)
    {
        if (EntityKinds.Find(resource.Kind) is not { } kind)
        {
            return (null, "unknown entity kind '" + resource.Kind + "'");
        }
        if (!Guid.TryParse(resource.Id, out var id))
        {
            return (null, "id '" + resource.Id + "' is not a UUID");
        }
        try
        {
            var entity = (ConfigEntity?)JsonSerializer.Deserialize(resource.Json.Span, kind.ClrType, ConfigJson.Options);
            if (entity is null || entity.Id != id)
            {
                return (null, "the JSON does not describe " + kind.Name + "/" + id);
            }
            return (EntityChange.Upsert(entity), null);
        }
        catch (JsonException e)
        {
            return (null, "malformed JSON: " + e.Message);
        }
    }

    public static (EntityChange? Change, string? Error) ToRemoval(ResourceKey key) =>
        EntityKinds.Find(key.Kind) is not { } kind
            ? (null, "unknown entity kind '" + key.Kind + "'")
            : Guid.TryParse(key.Id, out var id)
                ? (EntityChange.Delete(kind, id), null)
                : (null, "id '" + key.Id + "' is not a UUID");
}
