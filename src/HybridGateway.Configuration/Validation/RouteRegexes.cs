using System.Text.RegularExpressions;

namespace HybridGateway.Configuration.Validation;

/// <summary>
/// How route regexes are built, shared by the validator and the data plane's router, so that the
/// control plane accepts exactly the patterns every data plane can compile.
/// </summary>
public static class RouteRegexes
{
    /// <summary>A header value starting with this is a case-insensitive regex (Kong 3).</summary>
    public const string HeaderMarker = "~*";

    /// <summary>A pathological pattern must not hold a request thread; a timeout counts as no match.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>A regex path (without its '~'), anchored at the start of the path as Kong anchors it.</summary>
    public static Regex ForPath(string pattern, RegexOptions extra = RegexOptions.None) =>
        new("^(?:" + pattern + ")", RegexOptions.CultureInvariant | extra, MatchTimeout);

    /// <summary>A header regex (without its '~*'): case-insensitive, found anywhere in the value.</summary>
    public static Regex ForHeader(string pattern, RegexOptions extra = RegexOptions.None) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | extra, MatchTimeout);

    /// <summary>Null when the pattern compiles as the router compiles it; otherwise why not.</summary>
    public static string? Check(Func<string, RegexOptions, Regex> build, string pattern)
    {
        try
        {
            _ = build(pattern, RegexOptions.None);
            return null;
        }
        catch (ArgumentException e)
        {
            return "invalid regex: '" + pattern + "' (" + e.Message + ")";
        }
    }
}
