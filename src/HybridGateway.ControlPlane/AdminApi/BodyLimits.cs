namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>How large a request body may be.</summary>
public static class BodyLimits
{
    /// <summary>Entity writes: 1 MiB, far more than any entity needs.</summary>
    public const long Entity = 1024 * 1024;
}
