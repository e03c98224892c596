namespace HybridGateway.Configuration.Entities;

/// <summary>
/// A reference from one entity kind to another. Cascading references are deleted with their
/// target (a consumer's credentials); the others keep their target from being deleted (a service's routes).
/// </summary>
public sealed record ForeignKey(string Field, EntityKind Target, bool Cascade, Func<ConfigEntity, IReadOnlyList<Guid>> Read)
{
    public static ForeignKey Single<T>(string field, EntityKind target, bool cascade, Func<T, EntityRef?> read)
        where T : ConfigEntity =>
        new(field, target, cascade, e => read((T)e) is { } r ? [r.Id] : []);
}
