namespace HybridGateway.ControlPlane.Store;

/// <summary>The PostgreSQL NOTIFY channel on which every commit announces its version to every replica.</summary>
public static class ConfigNotifications
{
    public const string Channel = "hybridgateway_config";
}
