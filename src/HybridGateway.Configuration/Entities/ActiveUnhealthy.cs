using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>When an actively probed target counts as unhealthy.</summary>
public sealed record ActiveUnhealthy
{
    [Between(0, 65535)]
    public double Interval { get; init; }

    [Between(100, 999)]
    public IReadOnlyList<int> HttpStatuses { get; init; } = [429, 404, 500, 501, 502, 503, 504, 505];

    [Between(0, 255)]
    public int TcpFailures { get; init; }

    [Between(0, 255)]
    public int Timeouts { get; init; }

    [Between(0, 255)]
    public int HttpFailures { get; init; }
}
