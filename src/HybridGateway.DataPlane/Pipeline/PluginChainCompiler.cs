using System.Collections.Frozen;
using System.Collections.Immutable;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using Route = HybridGateway.Configuration.Entities.Route;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>
/// Resolves which plugin instances apply to a route and compiles them into its chain. When one
/// plugin is configured at several scopes the most specific wins, as in Kong:
/// consumer+route+service &gt; consumer+route &gt; consumer+service &gt; route+service &gt;
/// consumer &gt; route &gt; service &gt; global. Consumer-scoped instances are chosen per request,
/// once the auth plugins have identified the consumer (<see cref="ConsumerScopedHandler"/>).
/// Disabled instances are not loaded and so hide nothing.
/// </summary>
public sealed class PluginChainCompiler(PluginRuntimes runtimes)
{
    private const int GlobalRank = 1;
    private const int ServiceRank = 2;
    private const int RouteRank = 3;
    private const int ConsumerRank = 4;
    private const int RouteAndServiceRank = 5;
    private const int ConsumerAndServiceRank = 6;
    private const int ConsumerAndRouteRank = 7;
    private const int ConsumerRouteAndServiceRank = 8;

    public RoutePlugins Build(ConfigState state, IEnumerable<Route> routes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(routes);
        if (state.Count(EntityKinds.Plugins) == 0)
        {
            return RoutePlugins.Empty;
        }
        var globals = Globals(state);
        var compiled = new Dictionary<Guid, PluginHandler>();
        var chains = ImmutableDictionary.CreateBuilder<Guid, PluginChain>();
        foreach (var route in routes)
        {
            if (ChainOf(state, route, globals, compiled) is { } chain)
            {
                chains[route.Id] = chain;
            }
        }
        var unmatched = globals.Where(p => p.Consumer is null).Select(p => Compile(p, compiled)).Where(h => h.HasLogPhase)
            .OrderByDescending(h => runtimes.Find(h.Plugin.Name)!.Definition.Priority).ThenBy(h => h.Plugin.Name, StringComparer.Ordinal).ToArray();
        return new RoutePlugins(chains.ToImmutable(), globals) { Unmatched = unmatched.Length > 0 ? new PluginChain(unmatched) : null };
    }

    /// <summary>
    /// Rebuilds the chains of the named routes only, unless a global plugin changed, which touches every route.
    /// </summary>
    /// <param name="previous">The chains being served.</param>
    /// <param name="state">The new config.</param>
    /// <param name="isServed">Whether a route is routed at all (Kong leaves out the routes of a disabled service).</param>
    /// <param name="routeIds">The routes whose chain the change may touch.</param>
    /// <param name="globalsChanged">Whether a global instance was written or removed.</param>
    public RoutePlugins Update(RoutePlugins previous, ConfigState state, Func<Route, bool> isServed, IReadOnlyCollection<Guid> routeIds, bool globalsChanged)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(isServed);
        ArgumentNullException.ThrowIfNull(routeIds);
        if (globalsChanged)
        {
            return Build(state, state.All<Route>().Where(isServed));
        }
        var compiled = new Dictionary<Guid, PluginHandler>();
        var chains = previous.ByRoute.ToBuilder();
        foreach (var id in routeIds)
        {
            chains.Remove(id);
            if (state.Find<Route>(id) is { } route && isServed(route) && ChainOf(state, route, previous.Globals, compiled) is { } chain)
            {
                chains[id] = chain;
            }
        }
        return previous with { ByRoute = chains.ToImmutable() };
    }

    /// <summary>Whether an instance takes part in every route's chain: global, or scoped to a consumer only.</summary>
    public static bool IsGlobal(Plugin plugin) => plugin is { Route: null, Service: null };

    private static ImmutableArray<Plugin> Globals(ConfigState state) =>
        [.. state.All<Plugin>().Where(p => p.Enabled && IsGlobal(p))];

    private PluginChain? ChainOf(ConfigState state, Route route, ImmutableArray<Plugin> globals, Dictionary<Guid, PluginHandler> compiled)
    {
        var best = new Dictionary<string, (Plugin Plugin, int Rank)>(StringComparer.Ordinal);
        var byConsumer = new Dictionary<(string Name, Guid Consumer), (Plugin Plugin, int Rank)>();
        var serviceId = route.Service?.Id;
        foreach (var plugin in PluginsReferring(state, EntityKinds.Routes, route.Id))
        {
            if (plugin.Route?.Id != route.Id)
            {
                continue;
            }
            if (plugin.Service is null)
            {
                Consider(best, byConsumer, plugin, RouteRank, ConsumerAndRouteRank);
            }
            else if (plugin.Service.Id == serviceId)
            {
                Consider(best, byConsumer, plugin, RouteAndServiceRank, ConsumerRouteAndServiceRank);
            }
        }
        if (serviceId is { } service)
        {
            foreach (var plugin in PluginsReferring(state, EntityKinds.Services, service))
            {
                if (plugin.Route is null && plugin.Service?.Id == service)
                {
                    Consider(best, byConsumer, plugin, ServiceRank, ConsumerAndServiceRank);
                }
            }
        }
        foreach (var plugin in globals)
        {
            Consider(best, byConsumer, plugin, GlobalRank, ConsumerRank);
        }
        if (best.Count == 0 && byConsumer.Count == 0)
        {
            return null;
        }
        var handlers = new List<PluginHandler>();
        foreach (var name in best.Keys.Concat(byConsumer.Keys.Select(k => k.Name)).Distinct(StringComparer.Ordinal))
        {
            var fallback = best.TryGetValue(name, out var chosen) ? chosen : ((Plugin Plugin, int Rank)?)null;
            var fallbackHandler = fallback is { } f ? Compile(f.Plugin, compiled) : null;
            var scoped = byConsumer
                .Where(c => c.Key.Name == name && c.Value.Rank > (fallback?.Rank ?? 0))
                .ToDictionary(c => c.Key.Consumer, c => Compile(c.Value.Plugin, compiled));
            if (scoped.Count == 0)
            {
                handlers.Add(fallbackHandler!);
            }
            else
            {
                handlers.Add(new ConsumerScopedHandler(fallbackHandler, scoped.ToFrozenDictionary()));
            }
        }
        return new PluginChain([.. handlers
            .OrderByDescending(h => runtimes.Find(h.Plugin.Name)!.Definition.Priority)
            .ThenBy(h => h.Plugin.Name, StringComparer.Ordinal)]);
    }

    private PluginHandler Compile(Plugin plugin, Dictionary<Guid, PluginHandler> compiled)
    {
        if (!compiled.TryGetValue(plugin.Id, out var handler))
        {
            var runtime = runtimes.Find(plugin.Name)
                ?? throw new ArgumentException("plugin '" + plugin.Name + "' (" + plugin.Id + ") has no runtime in this data plane");
            compiled[plugin.Id] = handler = runtime.Compile(plugin);
        }
        return handler;
    }

    private static IEnumerable<Plugin> PluginsReferring(ConfigState state, EntityKind kind, Guid id)
    {
        foreach (var referrer in state.ReferrersOf(kind, id))
        {
            if (referrer.Kind == EntityKinds.Plugins && state.Find<Plugin>(referrer.Id) is { Enabled: true } plugin)
            {
                yield return plugin;
            }
        }
    }

    private static void Consider(
        Dictionary<string, (Plugin Plugin, int Rank)> best,
        Dictionary<(string Name, Guid Consumer), (Plugin Plugin, int Rank)> byConsumer,
        Plugin plugin,
        int rank,
        int consumerRank)
    {
        if (plugin.Consumer is { } consumer)
        {
            var key = (plugin.Name, consumer.Id);
            if (!byConsumer.TryGetValue(key, out var current) || consumerRank > current.Rank)
            {
                byConsumer[key] = (plugin, consumerRank);
            }
        }
        else if (!best.TryGetValue(plugin.Name, out var current) || rank > current.Rank)
        {
            best[plugin.Name] = (plugin, rank);
        }
    }
}
