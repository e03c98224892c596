using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>Probes sent to targets on an interval. An interval of 0 disables them.</summary>
public sealed record ActiveHealthcheck
{
    [OneOf("tcp", "http", "https", "grpc", "grpcs")]
    public string Type { get; init; } = "http";

    [Between(0, 65535)]
    public double Timeout { get; init; } = 1;

    [Between(1, 2147483648)]
    public int Concurrency { get; init; } = 10;

    [StartsWith("/")]
    public string HttpPath { get; init; } = "/";

    public string? HttpsSni { get; init; }

    public bool HttpsVerifyCertificate { get; init; } = true;

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Headers { get; init; }

    public ActiveHealthy Healthy { get; init; } = new();

    public ActiveUnhealthy Unhealthy { get; init; } = new();
}
