using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>Active and passive health checking of an upstream's targets (Kong's defaults).</summary>
public sealed record Healthchecks
{
    public ActiveHealthcheck Active { get; init; } = new();

    public PassiveHealthcheck Passive { get; init; } = new();

    [Between(0, 100)]
    public double Threshold { get; init; }
}
