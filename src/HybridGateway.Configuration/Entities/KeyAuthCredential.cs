using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>An API key of a consumer. Only its SHA-256 hash is stored; the key is shown once, at creation.</summary>
public sealed record KeyAuthCredential : ConfigEntity
{
    [Required]
    public EntityRef? Consumer { get; init; }

    [Required]
    public string KeyHash { get; init; } = "";

    [Between(0, 100000000)]
    public int? Ttl { get; init; }
}
