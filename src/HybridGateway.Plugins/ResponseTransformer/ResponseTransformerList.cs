namespace HybridGateway.Plugins.ResponseTransformer;

/// <summary>Header and JSON-body entries of one response-transformer operation.</summary>
public sealed record ResponseTransformerList
{
    public IReadOnlyList<string> Headers { get; init; } = [];

    public IReadOnlyList<string> Json { get; init; } = [];
}
