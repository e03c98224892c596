using HybridGateway.ControlPlane.Counters;
using HybridGateway.ControlPlane.Store;
using HybridGateway.ControlPlane.Sync;

namespace HybridGateway.ControlPlane.Metrics;

/// <summary><c>GET /metrics</c> on the Admin API (the admin token is required, as for every Admin path).</summary>
public static class MetricsEndpoints
{
    public static void MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", async (HttpContext http, ControlPlaneMetrics metrics, ConfigStore store, ConnectedNodes connected,
            NodeRegistry registry, LeaseServiceStats leases) =>
        {
            IReadOnlyList<DataPlaneNode> nodes;
            try
            {
                nodes = await registry.ListAsync(http.RequestAborted);
            }
            catch (Npgsql.NpgsqlException)
            {
                nodes = [];
            }
            metrics.Update(store.Cached.Version, connected.Count, nodes, leases);
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        });
    }
}
