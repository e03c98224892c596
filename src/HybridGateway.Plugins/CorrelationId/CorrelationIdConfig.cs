using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.CorrelationId;

/// <summary>correlation-id's config, with Kong's defaults.</summary>
public sealed record CorrelationIdConfig
{
    public string HeaderName { get; init; } = "Kong-Request-ID";

    [OneOf("uuid", "uuid#counter", "tracker")]
    public string Generator { get; init; } = "uuid#counter";

    public bool EchoDownstream { get; init; }
}
