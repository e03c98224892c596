using System.Text.Json.Nodes;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>Maps Kong's Admin API paths, the config endpoints, and the plugin catalog endpoints.</summary>
public static class AdminEndpoints
{
    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        foreach (var collection in AdminCollections.All)
        {
            var c = collection;
            var list = c.Template;
            var item = c.Template + "/{key}";
            app.MapGet(list, (HttpContext h, EntityReads r, string? parent) => r.ListAsync(h, c, parent));
            app.MapPost(list, (HttpContext h, EntityWrites w, string? parent) => w.CreateAsync(h, c, parent));
            app.MapGet(item, (HttpContext h, EntityReads r, string? parent, string key) => r.GetAsync(h, c, parent, key));
            app.MapPut(item, (HttpContext h, EntityWrites w, string? parent, string key) => w.UpsertAsync(h, c, parent, key));
            app.MapPatch(item, (HttpContext h, EntityWrites w, string? parent, string key) => w.PatchAsync(h, c, parent, key));
            app.MapDelete(item, (HttpContext h, EntityWrites w, string? parent, string key) => w.DeleteAsync(h, c, parent, key));
        }
        app.MapGet("/routes/{route}/service", (HttpContext h, EntityReads r, string route) => r.GetRouteServiceAsync(h, route));

        app.MapGet("/config", (HttpContext h, ConfigAdmin c) => c.ExportAsync(h));
        app.MapPost("/config", (HttpContext h, ConfigAdmin c) => c.ImportAsync(h));
        app.MapGet("/config/history", (HttpContext h, ConfigAdmin c) => c.HistoryAsync(h));
        app.MapGet("/config/diff", (HttpContext h, ConfigAdmin c) => c.DiffAsync(h));
        app.MapPost("/config/rollback", (HttpContext h, ConfigAdmin c) => c.RollbackAsync(h));

        app.MapGet("/plugins/enabled", (IPluginCatalog plugins) =>
            Results.Json(new JsonObject { ["enabled_plugins"] = new JsonArray(plugins.All.Select(p => (JsonNode)JsonValue.Create(p.Name)).ToArray()) }));
        app.MapGet("/schemas/plugins/{name}", (IPluginCatalog plugins, string name) =>
            plugins.Find(name) is { } plugin ? Results.Json(SchemaJson.Describe(TypeSchema.For(plugin.ConfigType))) : KongErrors.NotFound());
        app.MapGet("/schemas/{entity}", (string entity) =>
            Configuration.Entities.EntityKinds.Find(entity) is { } kind ? Results.Json(SchemaJson.Describe(kind.Schema)) : KongErrors.NotFound());
    }
}
