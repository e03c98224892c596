using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.ResponseTransformer;

/// <summary>An operation that writes JSON values, with the type of each.</summary>
public sealed record ResponseTransformerTypedList
{
    public IReadOnlyList<string> Headers { get; init; } = [];

    public IReadOnlyList<string> Json { get; init; } = [];

    [OneOf("boolean", "number", "string")]
    public IReadOnlyList<string> JsonTypes { get; init; } = [];
}
