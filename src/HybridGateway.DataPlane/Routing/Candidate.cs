using System.Text.RegularExpressions;

namespace HybridGateway.DataPlane.Routing;

/// <summary>One (host, path) pair of a route, with the priority it is tried in.</summary>
/// <remarks>Splitting routes this way lets the index place each pair under its host and path, and lets the
/// priority reflect the host and path that actually matched rather than the route's best ones.</remarks>
internal sealed class Candidate
{
    public Candidate(CompiledRoute route, HostPattern? host, string? plainPath, Regex? pathRegex, int ordinal)
    {
        Route = route;
        Host = host;
        PlainPath = plainPath;
        PathRegex = pathRegex;
        Ordinal = ordinal;
        PathKind = pathRegex is not null ? PathKind.Regex : plainPath is not null ? PathKind.Plain : PathKind.None;
        HostRank = host is null ? 2 : host.Kind == HostPatternKind.Exact ? 0 : 1;
        FieldCount = route.FieldCount;
        HeaderCount = route.HeaderCount;
        RegexPriority = PathKind == PathKind.Regex ? route.Route.RegexPriority : 0;
        PlainLength = plainPath?.Length ?? 0;
        CreatedAt = route.Route.CreatedAt;
        RouteId = route.Route.Id;
    }

    public CompiledRoute Route { get; }

    public HostPattern? Host { get; }

    /// <summary>The normalised prefix, for a plain path.</summary>
    public string? PlainPath { get; }

    public Regex? PathRegex { get; }

    public PathKind PathKind { get; }

    /// <summary>Position among the route's candidates, the last tie-break.</summary>
    public int Ordinal { get; }

    // Priority keys, copied here because the hot path compares them on every merge step.
    public int FieldCount { get; }

    /// <summary>0 for an exact host, 1 for a wildcard host, 2 for none.</summary>
    public int HostRank { get; }

    public int HeaderCount { get; }

    public int RegexPriority { get; }

    public int PlainLength { get; }

    public long CreatedAt { get; }

    public Guid RouteId { get; }

    /// <summary>Checks what the index has not already: the host's port, methods, SNIs, headers, and a regex path.
    /// A plain path's prefix and the host's name were matched by finding this candidate at all.</summary>
    public bool TryMatch(in RouteRequest request, string path, out RouteMatch match)
    {
        match = default;
        if (Host is { Port: > 0 } && Host.Port != request.Port)
        {
            return false;
        }
        if (!Route.MatchesRequestAttributes(request))
        {
            return false;
        }
        switch (PathKind)
        {
            case PathKind.Plain:
                match = new RouteMatch(Route.Route, PlainLength, null);
                return true;
            case PathKind.None:
                match = new RouteMatch(Route.Route, 0, null);
                return true;
            default:
                return TryMatchRegex(path, out match);
        }
    }

    private bool TryMatchRegex(string path, out RouteMatch match)
    {
        match = default;
        try
        {
            var result = PathRegex!.Match(path);
            if (!result.Success)
            {
                return false;
            }
            match = new RouteMatch(Route.Route, result.Length, result);
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            // A timed-out pattern does not match; a lower-priority route may still take the request.
            return false;
        }
    }
}
