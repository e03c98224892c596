namespace HybridGateway.ControlPlane.Counters;

/// <summary>The lease service's figures on this replica: streams open, asks answered, tokens granted, asks that failed.</summary>
public sealed class LeaseServiceStats
{
    private long _streams;
    private long _asks;
    private long _granted;
    private long _failed;
    private long _returned;

    public long Streams => Interlocked.Read(ref _streams);

    public long Asks => Interlocked.Read(ref _asks);

    public long TokensGranted => Interlocked.Read(ref _granted);

    public long TokensReturned => Interlocked.Read(ref _returned);

    public long FailedAsks => Interlocked.Read(ref _failed);

    public void OnStreamOpened() => Interlocked.Increment(ref _streams);

    public void OnStreamClosed() => Interlocked.Decrement(ref _streams);

    public void OnGranted(long tokens)
    {
        Interlocked.Increment(ref _asks);
        Interlocked.Add(ref _granted, tokens);
    }

    public void OnReturned(long tokens) => Interlocked.Add(ref _returned, tokens);

    public void OnFailed() => Interlocked.Increment(ref _failed);
}
