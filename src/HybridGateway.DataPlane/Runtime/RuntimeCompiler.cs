using System.Collections.Immutable;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.Health;
using HybridGateway.DataPlane.LoadBalancing;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Routing;
using HybridGateway.DataPlane.Tls;
using Route = HybridGateway.Configuration.Entities.Route;

namespace HybridGateway.DataPlane.Runtime;

/// <summary>
/// Compiles a config state for the hot path: the route table, the services with their clients and
/// destinations, the upstream balancers. A delta recompiles only what it touches: the routes,
/// services and upstreams it names, and the routes and services that depend on those, and the
/// plugin chains of the routes its plugins apply to.
/// </summary>
public sealed class RuntimeCompiler(UpstreamClients clients, PluginChainCompiler chains, TargetStates targets, NodeLocality locality, HealthEvents health)
{
    public RuntimeConfig Full(ConfigState state)
    {
        var upstreams = ImmutableDictionary.CreateBuilder<string, UpstreamBalancer>(StringComparer.Ordinal);
        foreach (var upstream in state.All<Upstream>())
        {
            upstreams[Key(upstream.Name)] = Balancer(state, upstream);
        }
        var services = ImmutableDictionary.CreateBuilder<Guid, ServiceRuntime>();
        var byHost = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        foreach (var service in state.All<Service>())
        {
            services[service.Id] = new ServiceRuntime(service, upstreams.GetValueOrDefault(Key(service.Host)), clients.For(service, state));
            (byHost.TryGetValue(Key(service.Host), out var ids) ? ids : byHost[Key(service.Host)] = []).Add(service.Id);
        }
        var routes = state.All<Route>().Where(r => IsActive(r, state)).ToArray();
        targets.Retain(upstreams.Values);
        return new RuntimeConfig
        {
            State = state,
            Routes = RouteTable.Build(routes),
            Plugins = chains.Build(state, routes),
            Certificates = ServerCertificateCompiler.Build(state),
            Services = services.ToImmutable(),
            Upstreams = upstreams.ToImmutable(),
            ServicesByHost = byHost.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutableHashSet(), StringComparer.Ordinal),
        };
    }

    public RuntimeConfig Incremental(RuntimeConfig previous, ConfigState next, IReadOnlyList<EntityChange> changes)
    {
        var before = previous.State;
        var upstreamNames = new HashSet<string>(StringComparer.Ordinal); // as written; keyed lower-case below
        var serviceIds = new HashSet<Guid>();
        var routeIds = new HashSet<Guid>();
        var chainRouteIds = new HashSet<Guid>();
        var globalPluginsChanged = false;
        var certificatesChanged = false;
        foreach (var change in changes)
        {
            switch (change.Kind.Name)
            {
                case "certificates" or "snis":
                    certificatesChanged = true;
                    break;
                case "plugins":
                    globalPluginsChanged |= PluginScope(before.Find<Plugin>(change.Id), before, chainRouteIds)
                        | PluginScope(change.Entity as Plugin, next, chainRouteIds);
                    break;
                case "upstreams":
                    AddName(upstreamNames, before.Find<Upstream>(change.Id)?.Name);
                    AddName(upstreamNames, (change.Entity as Upstream)?.Name);
                    break;
                case "targets":
                    AddName(upstreamNames, UpstreamOf(before.Find<Target>(change.Id), before, next));
                    AddName(upstreamNames, UpstreamOf(change.Entity as Target, before, next));
                    break;
                case "services":
                    serviceIds.Add(change.Id);
                    break;
                case "routes":
                    routeIds.Add(change.Id);
                    break;
                case "ca_certificates":
                    AddReferrers(serviceIds, EntityKinds.Services, before.ReferrersOf(EntityKinds.CaCertificates, change.Id));
                    AddReferrers(serviceIds, EntityKinds.Services, next.ReferrersOf(EntityKinds.CaCertificates, change.Id));
                    break;
            }
        }

        var upstreams = previous.Upstreams.ToBuilder();
        foreach (var name in upstreamNames)
        {
            var key = Key(name);
            upstreams.Remove(key);
            if (next.FindUnique(EntityKinds.Upstreams, EntityKinds.Upstreams.NameKey!.Text(name)) is Upstream upstream)
            {
                upstreams[key] = Balancer(next, upstream);
            }
            serviceIds.UnionWith(previous.ServicesByHost.GetValueOrDefault(key) ?? []);
        }

        var services = previous.Services.ToBuilder();
        var byHost = previous.ServicesByHost.ToBuilder();
        foreach (var id in serviceIds)
        {
            if (before.Find<Service>(id) is { } old && byHost.TryGetValue(Key(old.Host), out var oldIds))
            {
                byHost[Key(old.Host)] = oldIds.Remove(id);
            }
            if (next.Find<Service>(id) is { } service)
            {
                services[id] = new ServiceRuntime(service, upstreams.GetValueOrDefault(Key(service.Host)), clients.For(service, next));
                byHost[Key(service.Host)] = (byHost.GetValueOrDefault(Key(service.Host)) ?? []).Add(id);
            }
            else
            {
                services.Remove(id);
            }
            AddReferrers(routeIds, EntityKinds.Routes, before.ReferrersOf(EntityKinds.Services, id));
            AddReferrers(routeIds, EntityKinds.Routes, next.ReferrersOf(EntityKinds.Services, id));
        }

        var upserts = new List<Route>();
        var removals = new List<Guid>();
        foreach (var id in routeIds)
        {
            if (next.Find<Route>(id) is { } route && IsActive(route, next))
            {
                upserts.Add(route);
            }
            else
            {
                removals.Add(id);
            }
        }
        chainRouteIds.UnionWith(routeIds);
        if (upstreamNames.Count > 0)
        {
            targets.Retain(upstreams.Values);
        }
        return new RuntimeConfig
        {
            State = next,
            Routes = previous.Routes.With(upserts, removals),
            Plugins = chains.Update(previous.Plugins, next, route => IsActive(route, next), chainRouteIds, globalPluginsChanged),
            Certificates = certificatesChanged ? ServerCertificateCompiler.Build(next) : previous.Certificates,
            Services = services.ToImmutable(),
            Upstreams = upstreams.ToImmutable(),
            ServicesByHost = byHost.ToImmutable(),
        };
    }

    /// <summary>
    /// Adds the routes whose chain a plugin (as it was, or as it is) takes part in; true when it is
    /// global and so takes part in every chain.
    /// </summary>
    private static bool PluginScope(Plugin? plugin, ConfigState state, HashSet<Guid> routeIds)
    {
        if (plugin is null)
        {
            return false;
        }
        if (PluginChainCompiler.IsGlobal(plugin))
        {
            return true;
        }
        if (plugin.Route is { } route)
        {
            routeIds.Add(route.Id);
        }
        else if (plugin.Service is { } service)
        {
            AddReferrers(routeIds, EntityKinds.Routes, state.ReferrersOf(EntityKinds.Services, service.Id));
        }
        return false;
    }

    /// <summary>Kong leaves out the routes of a disabled service; a route without a service stays (and answers 503).</summary>
    private static bool IsActive(Route route, ConfigState state) =>
        route.Service is not { } reference || state.Find<Service>(reference.Id) is { Enabled: true };

    private UpstreamBalancer Balancer(ConfigState state, Upstream upstream) =>
        UpstreamBalancer.Build(upstream, state.ReferrersOf(EntityKinds.Upstreams, upstream.Id)
            .Where(r => r.Kind == EntityKinds.Targets)
            .Select(r => state.Find<Target>(r.Id)!), targets, locality, health);

    private static string? UpstreamOf(Target? target, ConfigState before, ConfigState next) =>
        target?.Upstream is { } reference ? (next.Find<Upstream>(reference.Id) ?? before.Find<Upstream>(reference.Id))?.Name : null;

    private static void AddName(HashSet<string> names, string? name)
    {
        if (name is not null)
        {
            names.Add(name);
        }
    }

    private static void AddReferrers(HashSet<Guid> ids, EntityKind kind, IEnumerable<EntityAddress> referrers)
    {
        foreach (var referrer in referrers)
        {
            if (referrer.Kind == kind)
            {
                ids.Add(referrer.Id);
            }
        }
    }

    private static string Key(string host) => host.ToLowerInvariant();
}
