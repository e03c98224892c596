using System.Text.RegularExpressions;

namespace HybridGateway.DataPlane.Routing;

/// <summary>How route regexes are compiled: once per route, bounded in time, culture-independent.</summary>
internal static class RouteRegex
{
    /// <summary>A pathological pattern must not hold a request thread; a timeout counts as no match.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    /// <summary>A regex path, anchored at the start of the path as Kong anchors it.</summary>
    public static Regex ForPath(string pattern) => new("^(?:" + pattern + ")", Options, MatchTimeout);

    /// <summary>A <c>~*</c> header value: case-insensitive and, as in Kong, found anywhere in the value.</summary>
    public static Regex ForHeader(string pattern) => new(pattern, Options | RegexOptions.IgnoreCase, MatchTimeout);
}
