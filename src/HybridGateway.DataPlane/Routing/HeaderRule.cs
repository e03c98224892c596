using System.Text.RegularExpressions;
using HybridGateway.Configuration.Validation;
using Microsoft.AspNetCore.Http;

namespace HybridGateway.DataPlane.Routing;

/// <summary>One header a route requires: any listed value (case-insensitive) or <c>~*</c> regex matches.</summary>
internal sealed class HeaderRule
{
    private readonly string[] _values;
    private readonly Regex[] _patterns;

    public HeaderRule(string name, IReadOnlyList<string> values)
    {
        Name = name;
        var plain = new List<string>(values.Count);
        var patterns = new List<Regex>();
        foreach (var value in values)
        {
            if (value.StartsWith(RouteRegexes.HeaderMarker, StringComparison.Ordinal))
            {
                patterns.Add(RouteRegex.ForHeader(value[RouteRegexes.HeaderMarker.Length..]));
            }
            else
            {
                plain.Add(value);
            }
        }
        _values = [.. plain];
        _patterns = [.. patterns];
    }

    public string Name { get; }

    public bool Matches(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue(Name, out var received))
        {
            return false;
        }
        for (var i = 0; i < received.Count; i++)
        {
            if (received[i] is { } value && Matches(value))
            {
                return true;
            }
        }
        return false;
    }

    private bool Matches(string value)
    {
        foreach (var expected in _values)
        {
            if (string.Equals(value, expected, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        foreach (var pattern in _patterns)
        {
            try
            {
                if (pattern.IsMatch(value))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Treated as no match: a client must not be able to stall routing with a crafted header.
            }
        }
        return false;
    }
}
