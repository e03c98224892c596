using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>When an actively probed target counts as healthy.</summary>
public sealed record ActiveHealthy
{
    [Between(0, 65535)]
    public double Interval { get; init; }

    [Between(100, 999)]
    public IReadOnlyList<int> HttpStatuses { get; init; } = [200, 302];

    [Between(0, 255)]
    public int Successes { get; init; }
}
