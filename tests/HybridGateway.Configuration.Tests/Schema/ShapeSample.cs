using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Tests.Schema;

/// <summary>A config record with one field of every JSON shape and every constraint, for checking the checker alone.</summary>
public sealed record ShapeSample
{
    [Required]
    public string Name { get; init; } = "";

    public int Count { get; init; } = 1;

    public long Total { get; init; }

    public double Ratio { get; init; } = 0.5;

    public bool Enabled { get; init; } = true;

    public Guid Owner { get; init; }

    [MinLength(1)]
    [OneOf("a", "b")]
    public IReadOnlyList<string>? Letters { get; init; }

    public ShapeSampleChild Child { get; init; } = new();

    public IReadOnlyDictionary<string, int>? Counts { get; init; }

    public string? Note { get; init; }

    [Between(1, 10)]
    public int Level { get; init; } = 5;

    [OneOf("fast", "slow")]
    public string Mode { get; init; } = "fast";

    [OneOf(301, 302)]
    public int Redirect { get; init; } = 301;

    [MinLength(3)]
    public string? Code { get; init; }

    [StartsWith("/")]
    public string Path { get; init; } = "/";
}
