using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.RequestSizeLimiting;

/// <summary>request-size-limiting's config, with Kong's defaults.</summary>
public sealed record RequestSizeLimitingConfig
{
    [Between(0, 2147483647)]
    public int AllowedPayloadSize { get; init; } = 128;

    [OneOf("megabytes", "kilobytes", "bytes")]
    public string SizeUnit { get; init; } = "megabytes";

    public bool RequireContentLength { get; init; }
}
