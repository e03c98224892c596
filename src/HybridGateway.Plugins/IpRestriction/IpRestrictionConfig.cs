using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.IpRestriction;

/// <summary>ip-restriction's config: addresses or CIDR ranges allowed or denied.</summary>
public sealed record IpRestrictionConfig
{
    public IReadOnlyList<string>? Allow { get; init; }

    public IReadOnlyList<string>? Deny { get; init; }

    [Between(100, 599)]
    public int? Status { get; init; }

    public string? Message { get; init; }
}
