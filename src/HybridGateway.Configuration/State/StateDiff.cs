using System.Text.Json;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Serialization;

namespace HybridGateway.Configuration.State;

/// <summary>The changes that turn one config into another: upserts for what is new or different, deletes for what is gone.</summary>
public static class StateDiff
{
    public static IReadOnlyList<EntityChange> Between(ConfigState from, ConfigState to) =>
        Towards(from, EntityKinds.All.SelectMany(to.All).ToArray(), keepTimestamps: true);

    /// <summary>
    /// Changes from <paramref name="current"/> to exactly the <paramref name="desired"/> entities. Unless timestamps are
    /// kept, an entity that differs only in updated_at is left alone, and a changed one keeps the newer updated_at.
    /// </summary>
    public static IReadOnlyList<EntityChange> Towards(ConfigState current, IReadOnlyList<ConfigEntity> desired, bool keepTimestamps = false)
    {
        var changes = new List<EntityChange>();
        var keep = new HashSet<EntityAddress>();
        foreach (var entity in desired)
        {
            var kind = EntityKinds.Of(entity);
            keep.Add(new EntityAddress(kind, entity.Id));
            var existing = current.Find(kind, entity.Id);
            if (existing is null)
            {
                changes.Add(EntityChange.Upsert(entity));
            }
            else if (keepTimestamps ? !Canonical(kind, existing).Equals(Canonical(kind, entity), StringComparison.Ordinal) : !SameContent(kind, existing, entity))
            {
                changes.Add(EntityChange.Upsert(keepTimestamps ? entity : entity with { UpdatedAt = Math.Max(entity.UpdatedAt, existing.UpdatedAt) }));
            }
        }
        foreach (var kind in EntityKinds.All)
        {
            foreach (var entity in current.All(kind))
            {
                if (!keep.Contains(new EntityAddress(kind, entity.Id)))
                {
                    changes.Add(EntityChange.Delete(kind, entity.Id));
                }
            }
        }
        return changes;
    }

    /// <summary>Equal apart from when they were last written.</summary>
    public static bool SameContent(EntityKind kind, ConfigEntity a, ConfigEntity b) =>
        Canonical(kind, a with { UpdatedAt = 0 }).Equals(Canonical(kind, b with { UpdatedAt = 0 }), StringComparison.Ordinal);

    private static string Canonical(EntityKind kind, ConfigEntity entity) => JsonSerializer.Serialize(entity, kind.ClrType, ConfigJson.Options);
}
