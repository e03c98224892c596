namespace HybridGateway.Plugins.ResponseTransformer;

/// <summary>response-transformer's config: remove, rename, replace, add, append (in that order).</summary>
public sealed record ResponseTransformerConfig
{
    public ResponseTransformerList Remove { get; init; } = new();

    public ResponseTransformerList Rename { get; init; } = new();

    public ResponseTransformerTypedList Replace { get; init; } = new();

    public ResponseTransformerTypedList Add { get; init; } = new();

    public ResponseTransformerTypedList Append { get; init; } = new();
}
