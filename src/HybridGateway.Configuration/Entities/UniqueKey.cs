namespace HybridGateway.Configuration.Entities;

/// <summary>
/// A value no two entities of a kind may share. The value is written the way Kong writes it in
/// its message, <c>{name="svc1"}</c>, so it is both the index key and the explanation.
/// </summary>
public sealed record UniqueKey(string Field, Func<ConfigEntity, string?> Read)
{
    public static UniqueKey Of<T>(string field, Func<T, string?> read)
        where T : ConfigEntity =>
        new(field, e => read((T)e) is { } value ? "{" + field + "=\"" + value + "\"}" : null);
}
