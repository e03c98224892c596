using System.Collections.Immutable;
using Route = HybridGateway.Configuration.Entities.Route;

namespace HybridGateway.DataPlane.Routing;

/// <summary>An immutable router with Kong's traditional matching and priority rules. <see cref="With"/>
/// returns a new table and leaves this one valid for the requests still using it.</summary>
/// <remarks>
/// Candidates (one per route host and path) are filed under their host: exact hosts in a dictionary,
/// wildcard hosts in a short sorted list, host-less ones apart. Within a host, plain paths sit in a prefix
/// trie and regex or path-less candidates in a priority-sorted list. A match looks only at the groups of
/// the request's host, and only at trie nodes on the request's path, merging them best first.
/// </remarks>
public sealed class RouteTable
{
    private readonly ImmutableDictionary<Guid, CompiledRoute> _routes;
    private readonly ImmutableDictionary<string, HostGroup> _exactHosts;
    private readonly ImmutableList<WildcardHostGroup> _wildcardHosts;
    private readonly HostGroup _anyHost;

    private RouteTable(
        ImmutableDictionary<Guid, CompiledRoute> routes,
        ImmutableDictionary<string, HostGroup> exactHosts,
        ImmutableList<WildcardHostGroup> wildcardHosts,
        HostGroup anyHost)
    {
        _routes = routes;
        _exactHosts = exactHosts;
        _wildcardHosts = wildcardHosts;
        _anyHost = anyHost;
    }

    /// <summary>A table without routes: nothing matches.</summary>
    public static RouteTable Empty { get; } = new(
        ImmutableDictionary<Guid, CompiledRoute>.Empty,
        ImmutableDictionary.Create<string, HostGroup>(StringComparer.OrdinalIgnoreCase),
        [],
        HostGroup.Empty);

    /// <summary>How many routes the table holds.</summary>
    public int Count => _routes.Count;

    /// <summary>A table of the given validated routes; a later route with an id already seen replaces it.</summary>
    /// <exception cref="ArgumentException">A route cannot be routed on; the message names it.</exception>
    public static RouteTable Build(IEnumerable<Route> routes) => Empty.With(routes, []);

    /// <summary>A new table with <paramref name="removals"/> removed, then <paramref name="upserts"/> added or
    /// replaced by id. Costs time in proportion to the change (times log n), not to the size of the table.</summary>
    /// <exception cref="ArgumentException">A route cannot be routed on; nothing is applied and this table is unchanged.</exception>
    public RouteTable With(IEnumerable<Route> upserts, IEnumerable<Guid> removals)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removals);
        var editor = new RouteTableEditor(_routes, _exactHosts, _wildcardHosts, _anyHost);
        foreach (var id in removals)
        {
            editor.Remove(id);
        }
        foreach (var route in upserts)
        {
            editor.Upsert(CompiledRoute.Compile(route));
        }
        return new RouteTable(editor.Routes, editor.ExactHosts, editor.WildcardHosts, editor.AnyHost);
    }

    /// <summary>The highest-priority route that matches the request, or null (Kong answers 404).</summary>
    public RouteMatch? Match(in RouteRequest request)
    {
        var path = string.IsNullOrEmpty(request.Path) ? "/" : request.Path;
        var storage = default(CandidateCursorBuffer);
        var merger = new CandidateMerger(storage);
        var host = request.Host;
        if (!string.IsNullOrEmpty(host))
        {
            if (_exactHosts.TryGetValue(host, out var exact))
            {
                exact.Collect(path, ref merger);
            }
            for (var i = 0; i < _wildcardHosts.Count; i++)
            {
                var wildcard = _wildcardHosts[i];
                if (wildcard.Pattern.MatchesName(host))
                {
                    wildcard.Group.Collect(path, ref merger);
                }
            }
        }
        _anyHost.Collect(path, ref merger);

        while (merger.Next() is { } candidate)
        {
            if (candidate.TryMatch(request, path, out var match))
            {
                return match;
            }
        }
        return null;
    }
}
