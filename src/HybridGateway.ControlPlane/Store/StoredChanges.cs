using System.Text.Json;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Serialization;
using HybridGateway.Configuration.State;

namespace HybridGateway.ControlPlane.Store;

/// <summary>Converts between the in-memory change and its stored (event) form.</summary>
public static class StoredChanges
{
    public static StoredChange ToStored(EntityChange change, ConfigState before) => new()
    {
        Kind = change.Kind.Name,
        Id = change.Id,
        Op = change.IsDelete ? "delete" : before.Find(change.Kind, change.Id) is null ? "create" : "update",
        Label = change.Entity is { } e ? change.Kind.Label(e) : before.Find(change.Kind, change.Id) is { } old ? change.Kind.Label(old) : null,
        Entity = change.Entity is { } entity ? JsonSerializer.SerializeToElement(entity, change.Kind.ClrType, ConfigJson.Options) : null,
    };

    public static EntityChange ToChange(StoredChange stored)
    {
        var kind = EntityKinds.Find(stored.Kind) ?? throw new InvalidDataException("unknown entity kind in the event log: " + stored.Kind);
        var entity = stored.Entity is { } json ? (ConfigEntity)json.Deserialize(kind.ClrType, ConfigJson.Options)! : null;
        return new EntityChange(kind, stored.Id, entity);
    }
}
