namespace HybridGateway.ControlPlane.Hosting;

/// <summary>The certificate of the admin TLS listener (PEM files). The listener is served only when both are set.</summary>
public sealed class AdminTlsOptions
{
    public string? CertificatePath { get; set; }

    public string? KeyPath { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(CertificatePath) || !string.IsNullOrEmpty(KeyPath);
}
