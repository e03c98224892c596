using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.RequestTermination;

/// <summary>request-termination's config: the response sent instead of proxying.</summary>
public sealed record RequestTerminationConfig
{
    [Between(100, 599)]
    public int StatusCode { get; init; } = 503;

    public string? Message { get; init; }

    public string? ContentType { get; init; }

    public string? Body { get; init; }

    public bool Echo { get; init; }

    public string? Trigger { get; init; }
}
