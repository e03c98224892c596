namespace HybridGateway.ControlPlane.Sync;

/// <summary>A config a node refused, with the node's structured reason.</summary>
public sealed record NodeRejection
{
    public DateTimeOffset At { get; init; }

    public long RejectedVersion { get; init; }

    public string Code { get; init; } = "";

    public string Message { get; init; } = "";

    public IReadOnlyList<string> Entities { get; init; } = [];
}
