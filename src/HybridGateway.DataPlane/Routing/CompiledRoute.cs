using System.Text.RegularExpressions;
using Route = HybridGateway.Configuration.Entities.Route;

namespace HybridGateway.DataPlane.Routing;

/// <summary>A route prepared for matching: parsed hosts and SNIs, compiled regexes, and one candidate per
/// (host, path) pair. Built once when the route is added and shared by every table that holds it.</summary>
internal sealed class CompiledRoute
{
    private readonly string[] _methods;
    private readonly HostPattern[] _snis;
    private readonly HeaderRule[] _headers;

    private CompiledRoute(Route route, string[] methods, HostPattern[] snis, HeaderRule[] headers, int fieldCount)
    {
        Route = route;
        _methods = methods;
        _snis = snis;
        _headers = headers;
        FieldCount = fieldCount;
        Candidates = [];
    }

    public Route Route { get; }

    /// <summary>How many of hosts, headers, methods, paths and snis the route sets: the first priority key.</summary>
    public int FieldCount { get; }

    public int HeaderCount => _headers.Length;

    public IReadOnlyList<Candidate> Candidates { get; private set; }

    /// <summary>Compiles a validated route; throws <see cref="ArgumentException"/> naming the route when it
    /// cannot be routed on (nothing to match, a bad regex or port).</summary>
    public static CompiledRoute Compile(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        try
        {
            return CompileChecked(route);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("Route " + Describe(route) + " cannot be routed on: " + e.Message, nameof(route), e);
        }
    }

    /// <summary>Methods, SNIs and headers; host and path are the candidate's business.</summary>
    public bool MatchesRequestAttributes(in RouteRequest request)
    {
        if (_methods.Length > 0 && !Contains(_methods, request.Method))
        {
            return false;
        }
        if (_snis.Length > 0 && !MatchesSni(request.Sni))
        {
            return false;
        }
        foreach (var header in _headers)
        {
            if (request.Headers is null || !header.Matches(request.Headers))
            {
                return false;
            }
        }
        return true;
    }

    private static CompiledRoute CompileChecked(Route route)
    {
        var methods = route.Methods is { Count: > 0 } m ? m.ToArray() : [];
        var snis = route.Snis is { Count: > 0 } s ? s.Select(HostPattern.ParseSni).ToArray() : [];
        var headers = route.Headers is { Count: > 0 } h ? h.Select(pair => new HeaderRule(pair.Key, pair.Value)).ToArray() : [];
        var hosts = route.Hosts is { Count: > 0 } hs ? hs.Select(HostPattern.ParseHost).ToArray() : [];
        var paths = route.Paths is { Count: > 0 } ps ? ps.Select(CompilePath).ToArray() : [];
        var fieldCount = (methods.Length > 0 ? 1 : 0) + (snis.Length > 0 ? 1 : 0) + (headers.Length > 0 ? 1 : 0)
            + (hosts.Length > 0 ? 1 : 0) + (paths.Length > 0 ? 1 : 0);
        if (fieldCount == 0)
        {
            throw new ArgumentException("it sets none of methods, hosts, headers, paths, snis");
        }

        var compiled = new CompiledRoute(route, methods, snis, headers, fieldCount);
        HostPattern?[] hostChoices = hosts.Length > 0 ? (HostPattern?[])hosts : [null];
        (string? Plain, Regex? Regex)[] pathChoices = paths.Length > 0 ? paths : [(null, null)];
        var candidates = new List<Candidate>(hostChoices.Length * pathChoices.Length);
        foreach (var host in hostChoices)
        {
            foreach (var (plain, regex) in pathChoices)
            {
                candidates.Add(new Candidate(compiled, host, plain, regex, candidates.Count));
            }
        }
        compiled.Candidates = candidates;
        return compiled;
    }

    private static (string? Plain, Regex? Regex) CompilePath(string path)
    {
        if (path.StartsWith('~'))
        {
            return (null, RouteRegex.ForPath(path[1..]));
        }
        // Kong normalises plain route paths too, so "/%7Efoo" and a request for "/~foo" meet.
        return (PathNormalizer.Normalize(path) ?? path, null);
    }

    private bool MatchesSni(string? sni)
    {
        if (string.IsNullOrEmpty(sni))
        {
            return false;
        }
        foreach (var pattern in _snis)
        {
            if (pattern.MatchesName(sni))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Contains(string[] values, string? value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static string Describe(Route route) =>
        route.Name is { } name ? "'" + name + "' (" + route.Id + ")" : "'" + route.Id + "'";
}
