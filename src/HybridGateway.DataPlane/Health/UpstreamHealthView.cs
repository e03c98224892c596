using System.Text.Json.Nodes;
using HybridGateway.DataPlane.LoadBalancing;
using HybridGateway.DataPlane.Runtime;

namespace HybridGateway.DataPlane.Health;

/// <summary>Each upstream's targets as this node sees them, in Kong's health words (HEALTHY, UNHEALTHY, HEALTHCHECKS_OFF).</summary>
public static class UpstreamHealthView
{
    public const string Healthy = "HEALTHY";
    public const string Unhealthy = "UNHEALTHY";
    public const string Off = "HEALTHCHECKS_OFF";

    public static string StateOf(BalancedTarget target) => !target.HealthChecked ? Off : target.State.Health.Healthy ? Healthy : Unhealthy;

    /// <summary>For /status: by upstream name, the locality tiers and each target's state and load.</summary>
    public static JsonObject Of(RuntimeConfig? config)
    {
        var upstreams = new JsonObject();
        if (config is null)
        {
            return upstreams;
        }
        foreach (var balancer in config.Upstreams.Values.OrderBy(b => b.Upstream.Name, StringComparer.Ordinal))
        {
            var targets = new JsonArray();
            foreach (var target in balancer.Targets)
            {
                targets.Add(new JsonObject
                {
                    ["target"] = target.State.Address,
                    ["weight"] = target.Weight,
                    ["health"] = StateOf(target),
                    ["reason"] = target.State.Health.LastChange.Length > 0 ? target.State.Health.LastChange : null,
                    ["region"] = target.Region,
                    ["zone"] = target.Zone,
                    ["in_flight"] = target.State.InFlight,
                    ["latency_ms"] = Math.Round(target.State.LatencyMs, 3),
                });
            }
            upstreams[balancer.Upstream.Name] = new JsonObject
            {
                ["algorithm"] = balancer.Upstream.Algorithm,
                ["tiers"] = new JsonArray(balancer.Tiers.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                ["targets"] = targets,
            };
        }
        return upstreams;
    }
}
