using System.Text.Json;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Serialization;
using HybridGateway.Configuration.State;

namespace HybridGateway.Configuration.Declarative;

/// <summary>
/// Writes a config as a decK-style document: children nested in their parents, plugins under
/// the one entity they are scoped to (top level when global or scoped to several), entities
/// sorted by name then id, timestamps and nulls left out. The output imports back to the same config.
/// </summary>
public static class DeclarativeExporter
{
    public static JsonObject Export(ConfigState state)
    {
        var document = new JsonObject { ["_format_version"] = DeclarativeLayout.FormatVersion };
        var plugins = state.All<Plugin>().ToLookup(NestingParent);
        var routes = state.All<Route>().ToLookup(r => r.Service?.Id);
        var keyAuths = state.All<KeyAuthCredential>().ToLookup(c => c.Consumer?.Id);
        var basicAuths = state.All<BasicAuthCredential>().ToLookup(c => c.Consumer?.Id);
        var jwts = state.All<JwtSecret>().ToLookup(c => c.Consumer?.Id);
        var acls = state.All<Acl>().ToLookup(c => c.Consumer?.Id);
        var targets = state.All<Target>().ToLookup(t => t.Upstream?.Id);
        var snis = state.All<Sni>().ToLookup(s => s.Certificate?.Id);

        AddList(document, "services", Sorted(state.All<Service>()).Select(service =>
        {
            var body = Body(EntityKinds.Services, service);
            AddList(body, "routes", Sorted(routes[service.Id])
                .Select(route => RouteBody(route, plugins, omitService: true)));
            AddList(body, "plugins", Sorted(plugins[(EntityKinds.Services, service.Id)]).Select(p => PluginBody(p, "service")));
            return body;
        }));
        AddList(document, "routes", Sorted(routes[null])
            .Select(route => RouteBody(route, plugins, omitService: false)));
        AddList(document, "consumers", Sorted(state.All<Consumer>()).Select(consumer =>
        {
            var body = Body(EntityKinds.Consumers, consumer);
            AddList(body, "plugins", Sorted(plugins[(EntityKinds.Consumers, consumer.Id)]).Select(p => PluginBody(p, "consumer")));
            AddChildren(body, "keyauth_credentials", keyAuths[consumer.Id], EntityKinds.KeyAuthCredentials);
            AddChildren(body, "basicauth_credentials", basicAuths[consumer.Id], EntityKinds.BasicAuthCredentials);
            AddChildren(body, "jwt_secrets", jwts[consumer.Id], EntityKinds.JwtSecrets);
            AddChildren(body, "acls", acls[consumer.Id], EntityKinds.Acls);
            return body;
        }));
        AddList(document, "plugins", Sorted(plugins[(EntityKinds.Plugins, Guid.Empty)]).Select(p => PluginBody(p, null)));
        AddList(document, "upstreams", Sorted(state.All<Upstream>()).Select(upstream =>
        {
            var body = Body(EntityKinds.Upstreams, upstream);
            AddChildren(body, "targets", targets[upstream.Id], EntityKinds.Targets);
            return body;
        }));
        AddList(document, "certificates", Sorted(state.All<Certificate>()).Select(certificate =>
        {
            var body = Body(EntityKinds.Certificates, certificate);
            AddChildren(body, "snis", snis[certificate.Id], EntityKinds.Snis);
            return body;
        }));
        AddList(document, "ca_certificates", Sorted(state.All<CaCertificate>()).Select(ca => Body(EntityKinds.CaCertificates, ca)));
        return document;
    }

    /// <summary>The one entity a plugin nests under, or (plugins, empty) when it stays at the top level.</summary>
    private static (EntityKind, Guid) NestingParent(Plugin plugin) => (plugin.Route, plugin.Service, plugin.Consumer) switch
    {
        ({ } route, null, null) => (EntityKinds.Routes, route.Id),
        (null, { } service, null) => (EntityKinds.Services, service.Id),
        (null, null, { } consumer) => (EntityKinds.Consumers, consumer.Id),
        _ => (EntityKinds.Plugins, Guid.Empty),
    };

    private static JsonObject RouteBody(Route route, ILookup<(EntityKind, Guid), Plugin> plugins, bool omitService)
    {
        var body = Body(EntityKinds.Routes, route, omitService ? "service" : null);
        AddList(body, "plugins", Sorted(plugins[(EntityKinds.Routes, route.Id)]).Select(p => PluginBody(p, "route")));
        return body;
    }

    private static JsonObject PluginBody(Plugin plugin, string? nestedUnder)
    {
        var body = Body(EntityKinds.Plugins, plugin, nestedUnder);
        // Plugin config keeps its nulls: they are part of the plugin's schema, as in Kong's own dumps.
        if (plugin.Config is { } config)
        {
            body["config"] = JsonNode.Parse(config.GetRawText());
        }
        return body;
    }

    private static void AddChildren<T>(JsonObject parent, string key, IEnumerable<T> children, EntityKind kind)
        where T : ConfigEntity
    {
        var parentField = kind.ForeignKeys[0].Field;
        AddList(parent, key, Sorted(children).Select(child => Body(kind, child, parentField)));
    }

    private static JsonObject Body(EntityKind kind, ConfigEntity entity, string? omit = null)
    {
        var node = JsonSerializer.SerializeToNode(entity, kind.ClrType, ConfigJson.Options)!.AsObject();
        node.Remove("created_at");
        node.Remove("updated_at");
        if (omit is not null)
        {
            node.Remove(omit);
        }
        foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToArray())
        {
            node.Remove(key);
        }
        return node;
    }

    private static IEnumerable<T> Sorted<T>(IEnumerable<T> entities)
        where T : ConfigEntity =>
        entities.OrderBy(e => EntityKinds.Of(e).Label(e) ?? "", StringComparer.Ordinal).ThenBy(e => e.Id);

    private static void AddList(JsonObject parent, string key, IEnumerable<JsonObject> items)
    {
        var array = new JsonArray(items.ToArray<JsonNode?>());
        if (array.Count > 0)
        {
            parent[key] = array;
        }
    }
}
