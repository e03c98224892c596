using System.Globalization;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>Route rules of Kong's traditional router.</summary>
public sealed class RouteValidator : EntityValidator<Route>
{
    protected override void Validate(Route route, FieldErrors errors)
    {
        if (IsEmpty(route.Methods) && IsEmpty(route.Hosts) && IsEmpty(route.Paths)
            && (route.Headers is null || route.Headers.Count == 0) && IsEmpty(route.Snis))
        {
            var protocols = string.Join("', '", route.Protocols);
            errors.Add("@entity", "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is '" + protocols + "'");
        }
        ForEach(route.Methods, "methods", errors, CheckMethod);
        ForEach(route.Hosts, "hosts", errors, Hostnames.CheckWildcardHost);
        ForEach(route.Paths, "paths", errors, CheckPath);
        ForEach(route.Snis, "snis", errors, CheckSni);
        if (!IsEmpty(route.Snis) && !route.Protocols.Any(p => p is Protocols.Https or Protocols.Grpcs or Protocols.Wss))
        {
            errors.Add("snis", "'snis' can only be set when 'protocols' is 'grpcs', 'https' or 'wss'");
        }
        if (route.Headers is not null)
        {
            foreach (var (name, values) in route.Headers)
            {
                if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
                {
                    errors.Child("headers").Add(name, "cannot contain 'host' header, which must be specified in the 'hosts' attribute");
                }
                else if (name.Length == 0 || values.Count == 0 || values.Any(v => v.Length == 0))
                {
                    errors.Child("headers").Add(name, "header names and values must not be empty");
                }
                else if (!Names.IsHeaderName(name))
                {
                    errors.Child("headers").Add(name, "invalid header name: letters, digits and !#$%&'*+-.^_`|~ only, at most " + Names.MaxLength + " characters");
                }
                else
                {
                    foreach (var value in values.Where(v => v.StartsWith(RouteRegexes.HeaderMarker, StringComparison.Ordinal)))
                    {
                        if (RouteRegexes.Check(RouteRegexes.ForHeader, value[RouteRegexes.HeaderMarker.Length..]) is { } message)
                        {
                            errors.Child("headers").Add(name, message);
                        }
                    }
                }
            }
        }
        if (route.Name is { } routeName && Names.KongName(routeName) is { } nameError)
        {
            errors.Add("name", nameError);
        }
    }

    /// <summary>Kong's path rule: a plain path starts with '/'; a regex path is '~' then a valid regex.</summary>
    public const int MaxPathLength = 1024;

    public static string? CheckPath(string path)
    {
        if (path.Length > MaxPathLength)
        {
            return "length must be at most " + MaxPathLength;
        }
        if (path.StartsWith('~'))
        {
            return path.Length > 1 ? RouteRegexes.Check(RouteRegexes.ForPath, path[1..]) : "invalid regex: '' (empty)";
        }
        if (!path.StartsWith('/'))
        {
            return "should start with: / (fixed path) or ~/ (regex path)";
        }
        return path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "invalid path: '" + path + "'" : null;
    }

    private static string? CheckMethod(string method) =>
        method.Length > 0 && method.All(char.IsAsciiLetterUpper) ? null : "invalid value: " + method;

    private static string? CheckSni(string sni) =>
        sni.Contains(':', StringComparison.Ordinal) || Hostnames.IsIpAddress(sni)
            ? "must not be an IP or contain a port"
            : Hostnames.CheckWildcardHost(sni);

    private static void ForEach(IReadOnlyList<string>? values, string field, FieldErrors errors, Func<string, string?> check)
    {
        if (values is null)
        {
            return;
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (check(values[i]) is { } message)
            {
                errors.Child(field).Add(i.ToString(CultureInfo.InvariantCulture), message);
            }
        }
    }

    private static bool IsEmpty<T>(IReadOnlyList<T>? list) => list is null || list.Count == 0;
}
