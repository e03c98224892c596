using System.Collections.Immutable;
using HybridGateway.Configuration.Entities;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>The compiled plugin chain of every route that has one, and the global plugins they were built with.</summary>
public sealed record RoutePlugins(ImmutableDictionary<Guid, PluginChain> ByRoute, ImmutableArray<Plugin> Globals)
{
    /// <summary>
    /// The global instances (not scoped to a consumer) whose log phase runs for requests that match
    /// no route, as Kong's global plugins see them (a 404 counted by prometheus, logged by http-log); null when none.
    /// </summary>
    public PluginChain? Unmatched { get; init; }

    public static RoutePlugins Empty { get; } = new(ImmutableDictionary<Guid, PluginChain>.Empty, []);

    public PluginChain? For(Guid routeId) =>
        ByRoute.Count != 0 && ByRoute.TryGetValue(routeId, out var chain) ? chain : null;
}
