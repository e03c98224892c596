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
        Build("^(?:" + pattern + ")", RegexOptions.CultureInvariant | extra);

    /// <summary>A header regex (without its '~*'): case-insensitive, found anywhere in the value.</summary>
    public static Regex ForHeader(string pattern, RegexOptions extra = RegexOptions.None) =>
        Build(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | extra);

    /// <summary>
    /// Null when the pattern compiles as the router compiles it, with the linear-time engine;
    /// otherwise why not. A pattern that needs backtracking (lookarounds, backreferences, atomic
    /// groups, conditionals) is refused: a request could make its match slow for every other request.
    /// </summary>
    public static string? Check(Func<string, RegexOptions, Regex> build, string pattern)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            var regex = build(pattern, RegexOptions.None);
            return (regex.Options & RegexOptions.NonBacktracking) != 0
                ? null
                : "regex '" + pattern + "' needs backtracking (a lookaround, backreference, atomic group or conditional), "
                  + "which a request can make slow; rewrite it without those";
        }
        catch (ArgumentException e)
        {
            return "invalid regex: '" + pattern + "' (" + e.Message + ")";
        }
    }

    /// <summary>
    /// The linear-time (non-backtracking) engine wherever the pattern allows it, so no request can
    /// make a match slow. Patterns it cannot run (stored before they were refused) fall back to the
    /// backtracking engine, bounded by <see cref="MatchTimeout"/>.
    /// </summary>
    private static Regex Build(string pattern, RegexOptions options)
    {
        try
        {
            return new Regex(pattern, (options & ~RegexOptions.Compiled) | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, options, MatchTimeout);
        }
    }
}
