using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>Health judged from proxied traffic.</summary>
public sealed record PassiveHealthcheck
{
    [OneOf("tcp", "http", "https", "grpc", "grpcs")]
    public string Type { get; init; } = "http";

    public PassiveHealthy Healthy { get; init; } = new();

    public PassiveUnhealthy Unhealthy { get; init; } = new();
}
