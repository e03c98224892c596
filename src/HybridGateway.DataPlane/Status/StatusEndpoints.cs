using HybridGateway.DataPlane.Health;
using HybridGateway.DataPlane.Pipeline;
using System.Text.Json.Nodes;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Cache;
using HybridGateway.DataPlane.Hosting;
using HybridGateway.DataPlane.Pipeline.RateLimiting;
using HybridGateway.DataPlane.RateLimiting;
using HybridGateway.DataPlane.Runtime;
using HybridGateway.DataPlane.Sync;
using HybridGateway.Sync;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.Status;

/// <summary>
/// The status port (Kong's 8100): /status/ready is 200 once a config is loaded (from the cache or
/// the control plane) and 503 before; /status tells which version, from where, and the link state.
/// </summary>
public static class StatusEndpoints
{
    public static void MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status/ready", (RuntimeHolder holder) => holder.Current is { } config
            ? Results.Json(new JsonObject { ["ready"] = true, ["config_version"] = config.Version })
            : Results.Json(new JsonObject { ["ready"] = false, ["message"] = "no configuration loaded yet" }, statusCode: StatusCodes.Status503ServiceUnavailable));

        app.MapGet("/status", (RuntimeHolder holder, SyncStatus sync, NodeIdentityProvider identity, CacheWriter cache, IOptions<DataPlaneOptions> options, RateLimitingRuntime rateLimiting, ILeaseSource leases, AccessLogWriter accessLog, PluginRuntimes plugins) =>
        {
            var details = holder.Details;
            return Results.Json(new JsonObject
            {
                ["node_id"] = identity.NodeId,
                ["hostname"] = Environment.MachineName,
                ["version"] = SyncProtocol.SoftwareVersion,
                ["ready"] = details is not null,
                ["labels"] = new JsonObject(options.Value.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value)))),
                ["config"] = details is null ? null : new JsonObject
                {
                    ["version"] = details.Config.Version,
                    ["hash"] = details.Config.Hash,
                    ["source"] = details.Source,
                    ["applied_at"] = details.AppliedAt.ToUnixTimeMilliseconds() / 1000.0,
                    ["routes"] = details.Config.Routes.Count,
                    ["services"] = details.Config.Services.Count,
                    ["cached_version"] = cache.WrittenVersion,
                },
                ["control_plane"] = new JsonObject
                {
                    ["address"] = options.Value.ControlPlane,
                    ["connected"] = sync.Connected,
                    ["id"] = sync.ControlPlaneId,
                    ["last_message_at"] = sync.LastMessageAt?.ToUnixTimeMilliseconds() / 1000.0,
                    ["last_error"] = sync.LastError,
                    ["last_rejection"] = sync.LastRejection,
                    ["reconnects"] = sync.Reconnects,
                },
                ["rate_limiting"] = RateLimitingStatus(rateLimiting, leases),
                ["access_log"] = new JsonObject
                {
                    ["target"] = accessLog.Target,
                    ["written"] = accessLog.Written,
                    ["dropped"] = accessLog.Dropped,
                },
                ["log_plugins"] = LogPluginStatus(plugins),
                ["upstreams"] = UpstreamHealthView.Of(details?.Config),
            });
        });
    }

    /// <summary>Each log plugin instance's queue: entries sent, dropped, and failed attempts.</summary>
    private static JsonObject LogPluginStatus(PluginRuntimes plugins)
    {
        var instances = new JsonObject();
        foreach (var runtime in plugins.LogRuntimes)
        {
            foreach (var (id, queue) in runtime.Queues.OrderBy(q => q.PluginId))
            {
                instances[id.ToString()] = new JsonObject
                {
                    ["name"] = runtime.Name,
                    ["sent"] = queue.Sent,
                    ["dropped"] = queue.Dropped,
                    ["failed_attempts"] = queue.FailedAttempts,
                };
            }
        }
        return instances;
    }

    /// <summary>Each instance's policy, counting mode and figures, and the lease stream's.</summary>
    private static JsonObject RateLimitingStatus(RateLimitingRuntime runtime, ILeaseSource leases)
    {
        var stats = runtime.Stats;
        var keys = runtime.Handlers.ToDictionary(h => h.Plugin.Id, h => h.LiveKeys);
        var instances = new JsonObject();
        foreach (var instance in stats.Instances.OrderBy(i => i.PluginId))
        {
            instances[instance.PluginId.ToString()] = new JsonObject
            {
                ["policy"] = instance.Policy,
                ["mode"] = instance.Mode,
                ["admitted"] = instance.Admitted,
                ["limited"] = instance.Limited,
                ["fallback_decisions"] = instance.Fallbacks,
                ["live_keys"] = keys.GetValueOrDefault(instance.PluginId),
            };
        }
        return new JsonObject
        {
            ["counters_reachable"] = leases.Available,
            ["lease_asks"] = stats.Asks,
            ["lease_asks_failed"] = stats.FailedAsks,
            ["tokens_granted"] = stats.TokensGranted,
            ["tokens_returned"] = stats.TokensReturned,
            ["instances"] = instances,
        };
    }
}
