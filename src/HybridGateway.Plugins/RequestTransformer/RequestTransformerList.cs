namespace HybridGateway.Plugins.RequestTransformer;

/// <summary>Header, query string and body entries of one request-transformer operation.</summary>
public sealed record RequestTransformerList
{
    public IReadOnlyList<string> Headers { get; init; } = [];

    public IReadOnlyList<string> Querystring { get; init; } = [];

    public IReadOnlyList<string> Body { get; init; } = [];
}
