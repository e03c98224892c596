namespace HybridGateway.ControlPlane.Hosting;

/// <summary>The control plane's two listeners.</summary>
public static class Listeners
{
    public const string Admin = "admin";
    public const string Cluster = "cluster";
}
