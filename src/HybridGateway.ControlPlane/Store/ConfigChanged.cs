namespace HybridGateway.ControlPlane.Store;

/// <summary>
/// The one event of a config version: who changed what, when and why. One event per version
/// keeps the stream version equal to the config version.
/// </summary>
public sealed record ConfigChanged
{
    public required string Actor { get; init; }

    public string? Reason { get; init; }

    /// <summary>What the operator did: "POST /services", "POST /config", "rollback to 12".</summary>
    public required string Operation { get; init; }

    public required DateTimeOffset At { get; init; }

    public required IReadOnlyList<StoredChange> Changes { get; init; }

    /// <summary>The content hash of the config after this version, to check replays against.</summary>
    public required string Hash { get; init; }
}
