namespace HybridGateway.DataPlane.Sync;

/// <summary>The node's view of its link to the control plane, for /status and logs.</summary>
public sealed class SyncStatus(TimeProvider clock)
{
    private readonly Lock _gate = new();

    public bool Connected { get; private set; }

    public string? ControlPlaneId { get; private set; }

    public DateTimeOffset? LastMessageAt { get; private set; }

    public DateTimeOffset? ConnectedAt { get; private set; }

    public string? LastError { get; private set; }

    public string? LastRejection { get; private set; }

    public long Reconnects { get; private set; }

    public void OnConnected(string controlPlaneId)
    {
        lock (_gate)
        {
            Connected = true;
            ControlPlaneId = controlPlaneId;
            ConnectedAt = LastMessageAt = clock.GetUtcNow();
            LastError = null;
        }
    }

    public void OnMessage()
    {
        lock (_gate)
        {
            LastMessageAt = clock.GetUtcNow();
        }
    }

    public void OnRejected(string reason)
    {
        lock (_gate)
        {
            LastRejection = reason;
        }
    }

    public void OnDisconnected(string reason)
    {
        lock (_gate)
        {
            Connected = false;
            LastError = reason;
            Reconnects++;
        }
    }
}
