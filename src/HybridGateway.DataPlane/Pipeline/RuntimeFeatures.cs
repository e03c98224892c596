using HybridGateway.Configuration.Entities;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>
/// Config this data plane stores but cannot yet carry out. A config that asks for any of it is
/// refused (NACK) rather than served differently from what the operator configured.
/// </summary>
public static class RuntimeFeatures
{
    /// <summary>Why an entity cannot be served as configured, or null when it can.</summary>
    public static string? Unsupported(ConfigEntity entity) => entity switch
    {
        Upstream { Algorithm: not Upstream.RoundRobin } u => "load-balancing algorithm '" + u.Algorithm + "' is not supported yet (only round-robin)",
        Upstream { HashOn: not "none" } u => "hash_on '" + u.HashOn + "' is not supported yet",
        Upstream u when HealthChecksEnabled(u.Healthchecks) => "health checks are not supported yet: set every interval and threshold to 0",
        Upstream { ClientCertificate: not null } => "client certificates towards upstreams are not supported yet",
        Service { ClientCertificate: not null } => "client certificates towards upstreams are not supported yet",
        _ => null,
    };

    private static bool HealthChecksEnabled(Healthchecks checks) =>
        checks.Active.Healthy.Interval > 0 || checks.Active.Unhealthy.Interval > 0
        || checks.Passive.Healthy.Successes > 0
        || checks.Passive.Unhealthy.HttpFailures > 0 || checks.Passive.Unhealthy.TcpFailures > 0 || checks.Passive.Unhealthy.Timeouts > 0;
}
