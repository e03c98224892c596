namespace HybridGateway.DataPlane.Pipeline;

/// <summary>Reads and edits a raw query string (<c>?a=1&amp;b=2</c>) without re-encoding the parts it keeps.</summary>
public static class RawQuery
{
    /// <summary>
    /// How often the argument <paramref name="name"/> appears (with or without a value), and the
    /// decoded value of its first appearance (null when it has none), as Kong's get_query sees them.
    /// </summary>
    public static (int Count, string? First) Find(string query, string name)
    {
        var count = 0;
        string? first = null;
        foreach (var (argName, value, _) in Arguments(query))
        {
            if (argName == name && count++ == 0)
            {
                first = value;
            }
        }
        return (count, first);
    }

    /// <summary>The query without the arguments named <paramref name="name"/>; empty when nothing is left.</summary>
    public static string Without(string query, string name)
    {
        var kept = new List<string>();
        var removed = false;
        foreach (var (argName, _, raw) in Arguments(query))
        {
            if (argName != name)
            {
                kept.Add(raw);
            }
            else
            {
                removed = true;
            }
        }
        if (!removed)
        {
            return query;
        }
        return kept.Count == 0 ? "" : "?" + string.Join('&', kept);
    }

    private static IEnumerable<(string Name, string? Value, string Raw)> Arguments(string query)
    {
        var body = query.StartsWith('?') ? query[1..] : query;
        foreach (var raw in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = raw.IndexOf('=', StringComparison.Ordinal);
            yield return equals < 0
                ? (Decode(raw), null, raw)
                : (Decode(raw[..equals]), Decode(raw[(equals + 1)..]), raw);
        }
    }

    private static string Decode(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));
}
