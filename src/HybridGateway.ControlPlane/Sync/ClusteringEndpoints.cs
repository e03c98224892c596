using System.Text.Json.Nodes;
using HybridGateway.ControlPlane.Hosting;
using HybridGateway.ControlPlane.Store;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>GET /clustering/data-planes: every node of every replica, with its lag and last rejection.</summary>
public static class ClusteringEndpoints
{
    public static void MapClusteringEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/clustering/data-planes", async (NodeRegistry registry, ConfigStore store, IOptions<ControlPlaneOptions> options, TimeProvider clock, CancellationToken cancellation) =>
            Results.Json(await DescribeAsync(registry, store, options.Value, clock, cancellation)));

    /// <summary>The body of GET /clustering/data-planes; also what the gRPC watch compares to see status changes.</summary>
    public static async Task<JsonObject> DescribeAsync(NodeRegistry registry, ConfigStore store, ControlPlaneOptions options, TimeProvider clock, CancellationToken cancellation)
    {
        var nodes = await registry.ListAsync(cancellation);
        var latest = await store.GetCurrentAsync(cancellation);
        var now = clock.GetUtcNow();
        var silence = TimeSpan.FromMilliseconds(3 * options.HeartbeatIntervalMs);
        var data = new JsonArray();
        foreach (var node in nodes)
        {
            var lagVersions = Math.Max(0, latest.Version - node.AppliedVersion);
            double lagSeconds = 0;
            if (lagVersions > 0 && await store.GetVersionRecordAsync(node.AppliedVersion + 1, cancellation) is { } firstMissed)
            {
                lagSeconds = Math.Round(Math.Max(0, (now - firstMissed.At).TotalSeconds), 3);
            }
            var status = node.SyncStatus;
            if (status is not (NodeSyncStatus.Disconnected or NodeSyncStatus.Refused) && now - node.LastSeen > silence)
            {
                status = NodeSyncStatus.Disconnected;
            }
            else if (status is NodeSyncStatus.InSync or NodeSyncStatus.Syncing)
            {
                // A held node is in sync when it serves its hold's version.
                status = lagVersions == 0 || (node.HeldBy is not null && node.AppliedVersion >= node.TargetVersion) ? NodeSyncStatus.InSync : NodeSyncStatus.Syncing;
            }
            data.Add(new JsonObject
            {
                ["id"] = node.Id,
                ["hostname"] = node.Hostname,
                ["ip"] = node.Ip,
                ["version"] = node.SoftwareVersion,
                ["sync_status"] = status,
                ["config_hash"] = node.ConfigHash,
                ["view"] = node.View,
                ["held_by"] = node.HeldBy,
                ["target_version"] = node.TargetVersion,
                ["applied_version"] = node.AppliedVersion,
                ["lag_versions"] = lagVersions,
                ["lag_seconds"] = lagSeconds,
                ["last_seen"] = node.LastSeen.ToUnixTimeSeconds(),
                ["connected_at"] = node.ConnectedAt.ToUnixTimeSeconds(),
                ["control_plane"] = node.ControlPlane,
                ["labels"] = new JsonObject(node.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value)))),
                ["last_nack"] = node.LastNack is { } nack
                    ? new JsonObject
                    {
                        ["at"] = nack.At.ToUnixTimeSeconds(),
                        ["rejected_version"] = nack.RejectedVersion,
                        ["code"] = nack.Code,
                        ["message"] = nack.Message,
                        ["entities"] = new JsonArray(nack.Entities.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
                    }
                    : null,
                ["refused_reason"] = node.RefusedReason,
            });
        }
        return new JsonObject { ["data"] = data, ["next"] = null, ["config_version"] = latest.Version };
    }
}
