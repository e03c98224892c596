using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Tests.Schema;

/// <summary>The nested record of <see cref="ShapeSample"/>.</summary>
public sealed record ShapeSampleChild
{
    [Between(0, 100)]
    public int Weight { get; init; } = 1;

    public string? Label { get; init; }
}
