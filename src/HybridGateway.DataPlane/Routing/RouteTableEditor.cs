using System.Collections.Immutable;

namespace HybridGateway.DataPlane.Routing;

/// <summary>Applies one batch of changes to a table's persistent structures; each edit costs log n plus the
/// size of the route, and the source table is never touched.</summary>
internal sealed class RouteTableEditor
{
    private static readonly IComparer<WildcardHostGroup> WildcardOrder =
        Comparer<WildcardHostGroup>.Create((x, y) => string.CompareOrdinal(x.Pattern.Name, y.Pattern.Name));

    private readonly ImmutableDictionary<Guid, CompiledRoute>.Builder _routes;
    private readonly ImmutableDictionary<string, HostGroup>.Builder _exactHosts;
    private readonly ImmutableList<WildcardHostGroup>.Builder _wildcardHosts;
    private HostGroup _anyHost;

    public RouteTableEditor(
        ImmutableDictionary<Guid, CompiledRoute> routes,
        ImmutableDictionary<string, HostGroup> exactHosts,
        ImmutableList<WildcardHostGroup> wildcardHosts,
        HostGroup anyHost)
    {
        _routes = routes.ToBuilder();
        _exactHosts = exactHosts.ToBuilder();
        _wildcardHosts = wildcardHosts.ToBuilder();
        _anyHost = anyHost;
    }

    public ImmutableDictionary<Guid, CompiledRoute> Routes => _routes.ToImmutable();

    public ImmutableDictionary<string, HostGroup> ExactHosts => _exactHosts.ToImmutable();

    public ImmutableList<WildcardHostGroup> WildcardHosts => _wildcardHosts.ToImmutable();

    public HostGroup AnyHost => _anyHost;

    public void Remove(Guid id)
    {
        if (_routes.TryGetValue(id, out var old))
        {
            _routes.Remove(id);
            foreach (var candidate in old.Candidates)
            {
                Unfile(candidate);
            }
        }
    }

    /// <summary>Adds the route, first removing every candidate of an older version with the same id.</summary>
    public void Upsert(CompiledRoute route)
    {
        Remove(route.Route.Id);
        _routes[route.Route.Id] = route;
        foreach (var candidate in route.Candidates)
        {
            File(candidate);
        }
    }

    private void File(Candidate candidate)
    {
        switch (candidate.Host)
        {
            case null:
                _anyHost = _anyHost.Add(candidate);
                break;
            case { Kind: HostPatternKind.Exact } host:
                _exactHosts[host.Name] = _exactHosts.GetValueOrDefault(host.Name, HostGroup.Empty).Add(candidate);
                break;
            default:
                var index = FindWildcard(candidate.Host);
                if (index >= 0)
                {
                    var existing = _wildcardHosts[index];
                    _wildcardHosts[index] = existing with { Group = existing.Group.Add(candidate) };
                }
                else
                {
                    _wildcardHosts.Insert(~index, new WildcardHostGroup(candidate.Host, HostGroup.Empty.Add(candidate)));
                }
                break;
        }
    }

    private void Unfile(Candidate candidate)
    {
        switch (candidate.Host)
        {
            case null:
                _anyHost = _anyHost.Remove(candidate);
                break;
            case { Kind: HostPatternKind.Exact } host:
                if (_exactHosts.TryGetValue(host.Name, out var group))
                {
                    var remaining = group.Remove(candidate);
                    if (remaining.IsEmpty)
                    {
                        _exactHosts.Remove(host.Name);
                    }
                    else
                    {
                        _exactHosts[host.Name] = remaining;
                    }
                }
                break;
            default:
                var index = FindWildcard(candidate.Host);
                if (index >= 0)
                {
                    var existing = _wildcardHosts[index];
                    var remaining = existing.Group.Remove(candidate);
                    if (remaining.IsEmpty)
                    {
                        _wildcardHosts.RemoveAt(index);
                    }
                    else
                    {
                        _wildcardHosts[index] = existing with { Group = remaining };
                    }
                }
                break;
        }
    }

    private int FindWildcard(HostPattern pattern) =>
        _wildcardHosts.BinarySearch(new WildcardHostGroup(pattern, HostGroup.Empty), WildcardOrder);
}
