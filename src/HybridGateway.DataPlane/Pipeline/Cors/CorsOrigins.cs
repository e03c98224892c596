using System.Globalization;
using System.Text.RegularExpressions;

namespace HybridGateway.DataPlane.Pipeline.Cors;

/// <summary>
/// The origins a cors instance allows, compiled once, matched as Kong matches them: an entry made
/// only of letters, digits and <c>.:/-</c> is an origin, compared as scheme://host:port with the
/// scheme's default port filled in; any other entry is a regular expression over that same
/// normalized form, anchored at both ends.
/// </summary>
public sealed partial class CorsOrigins
{
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Regex> _patterns = [];

    public CorsOrigins(IEnumerable<string> origins)
    {
        foreach (var origin in origins)
        {
            if (PlainOrigin().IsMatch(origin))
            {
                _exact.Add(Normalize(origin) ?? origin);
            }
            else
            {
                _patterns.Add(new Regex("^(?:" + origin + ")$",
                    RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100)));
            }
        }
    }

    public bool Allows(string requestOrigin)
    {
        var normalized = Normalize(requestOrigin) ?? requestOrigin;
        if (_exact.Contains(normalized))
        {
            return true;
        }
        foreach (var pattern in _patterns)
        {
            try
            {
                if (pattern.IsMatch(normalized))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>scheme://host:port, lower case, with the default port of http(s) when none is given; null when it is not a URL.</summary>
    public static string? Normalize(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }
        return uri.Scheme + "://" + uri.IdnHost.ToLowerInvariant() + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^[A-Za-z0-9.:/-]+$")]
    private static partial Regex PlainOrigin();
}
