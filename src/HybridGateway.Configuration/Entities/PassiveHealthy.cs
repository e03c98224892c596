using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>Responses that count as healthy under passive checks (2xx and 3xx).</summary>
public sealed record PassiveHealthy
{
    [Between(100, 999)]
    public IReadOnlyList<int> HttpStatuses { get; init; } =
        [200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308];

    [Between(0, 255)]
    public int Successes { get; init; }
}
