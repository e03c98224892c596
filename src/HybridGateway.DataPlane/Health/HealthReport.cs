namespace HybridGateway.DataPlane.Health;

/// <summary>What one request or probe said about a target.</summary>
public enum HealthReport
{
    /// <summary>A status in neither list: counts for nothing.</summary>
    None,
    Success,
    HttpFailure,
    TcpFailure,
    Timeout,
}
