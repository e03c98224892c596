using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridGateway.ControlPlane.AdminGrpc;

/// <summary>The standard gRPC health service's answer: serving while the database answers the probe.</summary>
public sealed class DatabaseCheck(Store.DatabaseHealth database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Reachable ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the database does not answer: " + database.LastError));
}
