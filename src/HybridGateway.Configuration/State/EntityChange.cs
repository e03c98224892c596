using HybridGateway.Configuration.Entities;

namespace HybridGateway.Configuration.State;

/// <summary>One entity written (Entity set) or removed (Entity null).</summary>
public sealed record EntityChange(EntityKind Kind, Guid Id, ConfigEntity? Entity)
{
    public bool IsDelete => Entity is null;

    public static EntityChange Upsert(ConfigEntity entity) => new(EntityKinds.Of(entity), entity.Id, entity);

    public static EntityChange Delete(EntityKind kind, Guid id) => new(kind, id, null);
}
