using System.Globalization;

namespace HybridGateway.DataPlane.Routing;

/// <summary>A route host (or SNI) entry parsed once: its name, its wildcard and the port it requires.</summary>
internal sealed class HostPattern
{
    private readonly string _fixedPart;

    private HostPattern(HostPatternKind kind, string name, string fixedPart, int port)
    {
        Kind = kind;
        Name = name;
        _fixedPart = fixedPart;
        Port = port;
    }

    public HostPatternKind Kind { get; }

    /// <summary>The entry without its port, lower case: <c>api.example.com</c>, <c>*.example.com</c>, <c>[::1]</c>.</summary>
    public string Name { get; }

    /// <summary>The port the entry requires; 0 when it names none and any port will do.</summary>
    public int Port { get; }

    /// <summary>Parses a validated route host entry, splitting off its port.</summary>
    public static HostPattern ParseHost(string entry)
    {
        var (name, port) = SplitPort(entry.ToLowerInvariant());
        return Create(name, port);
    }

    /// <summary>Parses a validated SNI entry; as in Kong, a fully qualified name's final dot is not routed on.</summary>
    public static HostPattern ParseSni(string entry)
    {
        var name = entry.ToLowerInvariant();
        return Create(name.Length > 1 && name.EndsWith('.') ? name[..^1] : name, 0);
    }

    private static HostPattern Create(string text, int port)
    {
        if (text.StartsWith("*.", StringComparison.Ordinal))
        {
            return new HostPattern(HostPatternKind.LeadingWildcard, text, text[1..], port);
        }
        return text.EndsWith(".*", StringComparison.Ordinal)
            ? new HostPattern(HostPatternKind.TrailingWildcard, text, text[..^1], port)
            : new HostPattern(HostPatternKind.Exact, text, text, port);
    }

    /// <summary>Whether the request host (without port) fits the name; the port is checked separately.</summary>
    public bool MatchesName(string host) => Kind switch
    {
        // Kong's wildcard stands for one or more characters, dots included: *.example.com matches a.b.example.com.
        HostPatternKind.LeadingWildcard => host.Length > _fixedPart.Length && host.EndsWith(_fixedPart, StringComparison.OrdinalIgnoreCase),
        HostPatternKind.TrailingWildcard => host.Length > _fixedPart.Length && host.StartsWith(_fixedPart, StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(host, Name, StringComparison.OrdinalIgnoreCase),
    };

    private static (string Name, int Port) SplitPort(string text)
    {
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            return close > 0 && close + 1 < text.Length && text[close + 1] == ':'
                ? (text[..(close + 1)], ParsePort(text[(close + 2)..]))
                : (text, 0);
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (text, 0);
        }
        if (text.IndexOf(':', colon + 1) >= 0)
        {
            // A bare IPv6 literal: requests carry it in brackets.
            return ("[" + text + "]", 0);
        }
        return (text[..colon], ParsePort(text[(colon + 1)..]));
    }

    private static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new ArgumentException("invalid port number: '" + text + "'");
}
