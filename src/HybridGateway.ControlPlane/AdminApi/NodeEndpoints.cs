using System.Reflection;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Plugins;
using HybridGateway.ControlPlane.Hosting;
using HybridGateway.ControlPlane.Store;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>GET / (node information, as Kong's) and GET /status (database reachability and config version).</summary>
public static class NodeEndpoints
{
    public static string Version { get; } =
        typeof(NodeEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static void MapNodeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (IOptions<ControlPlaneOptions> options, IPluginCatalog plugins) => Results.Json(new JsonObject
        {
            ["tagline"] = "Welcome to HybridGateway",
            ["version"] = Version,
            ["hostname"] = options.Value.NodeName,
            ["role"] = "control_plane",
            ["plugins"] = new JsonObject
            {
                ["available_on_server"] = new JsonObject(plugins.All.Select(p =>
                    KeyValuePair.Create(p.Name, (JsonNode?)new JsonObject { ["priority"] = p.Priority, ["version"] = Version }))),
            },
        }));
        app.MapGet("/status", async (ConfigStore store, Store.DatabaseHealth database, Sync.ConnectedNodes nodes, Counters.LeaseServiceStats leases, IGrainFactory grains, Orleans.Runtime.ILocalSiloDetails silo, IOptions<ControlPlaneOptions> options, AdminGrpc.NodeStatusFeed feed, CancellationToken cancellation) =>
        {
            // The latest version (another replica may have written it) while the database answers,
            // within the probe's bound; otherwise, at once, from memory: the version this process holds.
            var reachable = database.Reachable;
            var held = store.Cached;
            long version = held.Version;
            if (reachable)
            {
                using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellation, database.Lost);
                bound.CancelAfter(TimeSpan.FromMilliseconds(options.Value.DatabaseProbeTimeoutMs));
                try
                {
                    version = Math.Max(version, await store.FetchVersionAsync(bound.Token));
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException && !cancellation.IsCancellationRequested)
                {
                    reachable = false;
                }
            }
            return Results.Json(new JsonObject
            {
                ["database"] = new JsonObject { ["reachable"] = reachable, ["error"] = reachable ? null : database.LastError ?? "it did not answer" },
                ["config"] = new JsonObject { ["version"] = version, ["hash"] = version == held.Version ? held.Hash.ToString() : null },
                ["cluster"] = new JsonObject { ["connected_nodes"] = nodes.Count },
                ["admin"] = new JsonObject { ["watchers"] = feed.Watchers },
                ["counters"] = await Counters.CountersStatus.DescribeAsync(grains, silo, leases, options.Value.Counters),
                ["process"] = new JsonObject
                {
                    ["resident_bytes"] = Environment.WorkingSet,
                    ["gc_heap_bytes"] = GC.GetGCMemoryInfo().HeapSizeBytes,
                },
            }, statusCode: reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
