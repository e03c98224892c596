using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>A trusted CA certificate that services use to verify upstream TLS.</summary>
public sealed record CaCertificate : ConfigEntity
{
    [Required]
    public string Cert { get; init; } = "";

    /// <summary>SHA-256 of the certificate's DER bytes, hex; computed when absent.</summary>
    public string? CertDigest { get; init; }
}
