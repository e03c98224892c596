using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>A server name that selects a certificate.</summary>
public sealed record Sni : ConfigEntity
{
    [Required]
    [MinLength(1)]
    public string Name { get; init; } = "";

    [Required]
    public EntityRef? Certificate { get; init; }
}
