using System.Text.RegularExpressions;
using HybridGateway.Configuration.Validation;

namespace HybridGateway.DataPlane.Routing;

/// <summary>Route regexes compiled for the hot path, built exactly as the control plane validated them.</summary>
internal static class RouteRegex
{
    public static Regex ForPath(string pattern) => RouteRegexes.ForPath(pattern, RegexOptions.Compiled);

    public static Regex ForHeader(string pattern) => RouteRegexes.ForHeader(pattern, RegexOptions.Compiled);
}
