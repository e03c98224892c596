namespace HybridGateway.DataPlane.Hosting;

/// <summary>The data plane's two listeners.</summary>
public static class Listeners
{
    public const string Proxy = "proxy";
    public const string Status = "status";
}
