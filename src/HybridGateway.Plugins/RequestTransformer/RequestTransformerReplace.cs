namespace HybridGateway.Plugins.RequestTransformer;

/// <summary>The replace operation, which may also replace the upstream URI.</summary>
public sealed record RequestTransformerReplace
{
    public IReadOnlyList<string> Headers { get; init; } = [];

    public IReadOnlyList<string> Querystring { get; init; } = [];

    public IReadOnlyList<string> Body { get; init; } = [];

    public string? Uri { get; init; }
}
