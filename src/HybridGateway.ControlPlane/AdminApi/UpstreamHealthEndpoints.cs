using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.ControlPlane.Hosting;
using HybridGateway.ControlPlane.Store;
using HybridGateway.ControlPlane.Sync;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>
/// <c>GET /upstreams/{upstream}/health</c>: Kong's list of the upstream's targets with their health,
/// here gathered from the data planes (each reports what its own checks see), with the
/// node-by-node view under <c>nodes</c>. A target is HEALTHY or UNHEALTHY when every reporting
/// node agrees, MIXED when they differ, UNKNOWN when no connected node reported it, and
/// HEALTHCHECKS_OFF when the upstream checks no health.
/// </summary>
public static class UpstreamHealthEndpoints
{
    public const string Mixed = "MIXED";
    public const string Unknown = "UNKNOWN";

    public static void MapUpstreamHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/upstreams/{upstream}/health", async (string upstream, ConfigStore store, NodeRegistry registry, IOptions<ControlPlaneOptions> options, CancellationToken cancellation) =>
        {
            var state = await store.GetCurrentAsync(cancellation);
            if (StateLocator.Find(state, AdminCollections.Upstreams, upstream, null) is not Upstream found)
            {
                return KongErrors.NotFound();
            }
            var nodes = (await registry.ListAsync(cancellation))
                .Where(n => n.SyncStatus is not (NodeSyncStatus.Disconnected or NodeSyncStatus.Refused))
                .ToArray();
            var enabled = HealthChecked(found.Healthchecks);
            var data = new JsonArray();
            var targets = state.ReferrersOf(EntityKinds.Upstreams, found.Id)
                .Where(r => r.Kind == EntityKinds.Targets)
                .Select(r => state.Find<Target>(r.Id)!)
                .OrderBy(t => t.Address, StringComparer.Ordinal);
            foreach (var target in targets)
            {
                var byNode = new JsonObject();
                foreach (var node in nodes)
                {
                    if (node.TargetHealth?.FirstOrDefault(h => h.UpstreamId == found.Id && h.Target == target.Address) is { } seen)
                    {
                        byNode[node.Id] = seen.Health;
                    }
                }
                var health = enabled ? Aggregate(byNode.Select(n => n.Value!.GetValue<string>()).ToArray()) : "HEALTHCHECKS_OFF";
                var json = EntityPresenter.ToJson(target);
                json["health"] = health;
                json["data"] = new JsonObject { ["addresses"] = new JsonArray(Address(target, health)) };
                json["nodes"] = byNode;
                data.Add(json);
            }
            return Results.Json(new JsonObject
            {
                ["total"] = data.Count,
                ["node_id"] = options.Value.NodeName,
                ["data"] = data,
                ["next"] = null,
            });
        });

    public static string Aggregate(IReadOnlyCollection<string> states) =>
        states.Count == 0 ? Unknown : states.Distinct(StringComparer.Ordinal).Count() == 1 ? states.First() : Mixed;

    /// <summary>The same rule as the data plane's: any interval or threshold above 0 turns checking on.</summary>
    public static bool HealthChecked(Healthchecks checks) =>
        checks.Active.Healthy.Interval > 0 || checks.Active.Unhealthy.Interval > 0
        || checks.Passive.Healthy.Successes > 0 || checks.Passive.Unhealthy.HttpFailures > 0
        || checks.Passive.Unhealthy.TcpFailures > 0 || checks.Passive.Unhealthy.Timeouts > 0;

    private static JsonObject Address(Target target, string health)
    {
        var colon = target.Address.LastIndexOf(':');
        return new JsonObject
        {
            ["ip"] = target.Address[..colon].Trim('[', ']'),
            ["port"] = int.Parse(target.Address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture),
            ["health"] = health,
            ["weight"] = target.Weight,
        };
    }
}
