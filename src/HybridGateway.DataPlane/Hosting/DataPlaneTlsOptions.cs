namespace HybridGateway.DataPlane.Hosting;

/// <summary>The node's client certificate, and the CA that signed the control plane's certificate.</summary>
public sealed class DataPlaneTlsOptions
{
    public string? CertificatePath { get; set; }

    public string? KeyPath { get; set; }

    public string? CaPath { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(CertificatePath);
}
