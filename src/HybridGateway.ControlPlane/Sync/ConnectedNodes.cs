namespace HybridGateway.ControlPlane.Sync;

/// <summary>How many node streams this replica is serving right now.</summary>
public sealed class ConnectedNodes
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Connected() => Interlocked.Increment(ref _count);

    public void Disconnected() => Interlocked.Decrement(ref _count);
}
