namespace HybridGateway.ControlPlane.Hosting;

/// <summary>The cluster port's TLS: the server certificate, and the CA that signs node certificates.</summary>
public sealed class ClusterTlsOptions
{
    public string? CertificatePath { get; set; }

    public string? KeyPath { get; set; }

    /// <summary>The CA whose signature a node's client certificate must carry.</summary>
    public string? ClientCaPath { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(CertificatePath) || !string.IsNullOrEmpty(KeyPath) || !string.IsNullOrEmpty(ClientCaPath);
}
