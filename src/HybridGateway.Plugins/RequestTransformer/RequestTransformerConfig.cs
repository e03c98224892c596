namespace HybridGateway.Plugins.RequestTransformer;

/// <summary>request-transformer's config: remove, rename, replace, add, append (in that order).</summary>
public sealed record RequestTransformerConfig
{
    public string? HttpMethod { get; init; }

    public RequestTransformerList Remove { get; init; } = new();

    public RequestTransformerList Rename { get; init; } = new();

    public RequestTransformerReplace Replace { get; init; } = new();

    public RequestTransformerList Add { get; init; } = new();

    public RequestTransformerList Append { get; init; } = new();
}
