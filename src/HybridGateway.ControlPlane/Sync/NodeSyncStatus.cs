namespace HybridGateway.ControlPlane.Sync;

/// <summary>The sync states a node can be listed in.</summary>
public static class NodeSyncStatus
{
    public const string InSync = "in_sync";
    public const string Syncing = "syncing";
    public const string Nack = "nack";
    public const string Refused = "refused";
    public const string Disconnected = "disconnected";
}
