using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>Responses and failures that count as unhealthy under passive checks.</summary>
public sealed record PassiveUnhealthy
{
    [Between(100, 999)]
    public IReadOnlyList<int> HttpStatuses { get; init; } = [429, 500, 503];

    [Between(0, 255)]
    public int TcpFailures { get; init; }

    [Between(0, 255)]
    public int Timeouts { get; init; }

    [Between(0, 255)]
    public int HttpFailures { get; init; }
}
