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
        Upstream u when ActiveGrpc(u.Healthchecks) => "active health checks of type '" + u.Healthchecks.Active.Type + "' are not supported yet (tcp, http and https are)",
        Upstream { ClientCertificate: not null } => "client certificates towards upstreams are not supported yet",
        Service { ClientCertificate: not null } => "client certificates towards upstreams are not supported yet",
        _ => null,
    };

    private static bool ActiveGrpc(Healthchecks checks) =>
        checks.Active.Type is "grpc" or "grpcs" && (checks.Active.Healthy.Interval > 0 || checks.Active.Unhealthy.Interval > 0);
}
