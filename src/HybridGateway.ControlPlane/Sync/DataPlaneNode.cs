namespace HybridGateway.ControlPlane.Sync;

/// <summary>What the control planes know of one data-plane node, stored so every replica can list every node.</summary>
public sealed record DataPlaneNode
{
    /// <summary>The node id (Marten's identity).</summary>
    public required string Id { get; init; }

    public string Hostname { get; init; } = "";

    public string? Ip { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public string SoftwareVersion { get; init; } = "";

    public long AppliedVersion { get; init; }

    public string? ConfigHash { get; init; }

    /// <summary>in_sync, syncing, nack, refused or disconnected.</summary>
    public string SyncStatus { get; init; } = NodeSyncStatus.Syncing;

    public DateTimeOffset LastSeen { get; init; }

    public DateTimeOffset ConnectedAt { get; init; }

    /// <summary>The control-plane replica the node is (or was last) connected to.</summary>
    public string? ControlPlane { get; init; }

    public NodeRejection? LastNack { get; init; }

    public string? RefusedReason { get; init; }

    /// <summary>The hold (staged rollout) that keeps the node below the latest version; null when none does.</summary>
    public string? HeldBy { get; init; }

    /// <summary>The version the node should serve now: the latest, or its hold's.</summary>
    public long TargetVersion { get; init; }

    /// <summary>Which view of the config the node was last sent: "full", or its selector labels ("region=eu-west").</summary>
    public string View { get; init; } = "full";

    /// <summary>The health of the targets the node checks, as it last reported it.</summary>
    public IReadOnlyList<NodeTargetHealth>? TargetHealth { get; init; }
}
