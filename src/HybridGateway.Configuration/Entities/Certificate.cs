using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>A PEM certificate and private key served for the SNIs that point at it.</summary>
public sealed record Certificate : ConfigEntity
{
    [Required]
    public string Cert { get; init; } = "";

    [Required]
    public string Key { get; init; } = "";

    public string? CertAlt { get; init; }

    public string? KeyAlt { get; init; }
}
