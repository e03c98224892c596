using Microsoft.Extensions.Primitives;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>Reads and edits a raw query string (<c>?a=1&amp;b=2</c>) without re-encoding the parts it keeps.</summary>
public static class RawQuery
{
    /// <summary>The decoded values of every argument named <paramref name="name"/> that has a value.</summary>
    public static StringValues Values(string query, string name)
    {
        var values = StringValues.Empty;
        foreach (var (argName, value, _) in Arguments(query))
        {
            if (value is not null && argName == name)
            {
                values = StringValues.Concat(values, value);
            }
        }
        return values;
    }

    /// <summary>The query without the arguments named <paramref name="name"/>; empty when nothing is left.</summary>
    public static string Without(string query, string name)
    {
        var kept = new List<string>();
        foreach (var (argName, _, raw) in Arguments(query))
        {
            if (argName != name)
            {
                kept.Add(raw);
            }
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
