using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.Cors;

/// <summary>cors's config, with Kong's defaults.</summary>
public sealed record CorsConfig
{
    public IReadOnlyList<string>? Origins { get; init; }

    public IReadOnlyList<string>? Headers { get; init; }

    public IReadOnlyList<string>? ExposedHeaders { get; init; }

    [OneOf("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT")]
    public IReadOnlyList<string> Methods { get; init; } = ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"];

    [Between(0, 2147483647)]
    public double? MaxAge { get; init; }

    public bool Credentials { get; init; }

    public bool PrivateNetwork { get; init; }

    public bool PreflightContinue { get; init; }
}
