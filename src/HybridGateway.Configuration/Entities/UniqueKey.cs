namespace HybridGateway.Configuration.Entities;

/// <summary>
/// A value no two entities of a kind may share. The value is written the way Kong writes it in
/// its message, <c>{name="svc1"}</c>, so it is both the index key and the explanation. Keys that
/// ignore case (upstream names are host names) are written in lower case.
/// </summary>
public sealed record UniqueKey(string Field, Func<ConfigEntity, string?> Read, bool IgnoreCase = false)
{
    public static UniqueKey Of<T>(string field, Func<T, string?> read, bool ignoreCase = false)
        where T : ConfigEntity =>
        new(field, e => read((T)e) is { } value ? Format(field, value, ignoreCase) : null, ignoreCase);

    /// <summary>The index key for a value of this (single-field) key, to look an entity up by it.</summary>
    public string Text(string value) => Format(Field, value, IgnoreCase);

    private static string Format(string field, string value, bool ignoreCase) =>
        "{" + field + "=\"" + (ignoreCase ? value.ToLowerInvariant() : value) + "\"}";
}
