using HybridGateway.DataPlane.Health;

namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// What a node knows of one target at run time: its health, the requests in flight to it and its
/// response-time average. Kept across config versions while its upstream keeps the target, so a
/// change elsewhere in the config neither revives a dead target nor forgets its load.
/// </summary>
public sealed class TargetState(string upstream, string address)
{
    private const double LatencyWeight = 0.3;
    private int _inFlight;
    private long _latencyBits;

    /// <summary>The upstream's name, lower case.</summary>
    public string Upstream { get; } = upstream;

    /// <summary>"host:port".</summary>
    public string Address { get; } = address;

    public TargetHealth Health { get; } = new();

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Exponentially weighted average of the time to response headers, in ms; 0 before the first answer.</summary>
    public double LatencyMs => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _latencyBits));

    /// <summary>When the active prober next looks at this target (Stopwatch ticks); owned by the prober.</summary>
    public long NextProbe { get; set; }

    /// <summary>1 while a probe of this target runs; owned by the prober.</summary>
    public int Probing;

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Finished() => Interlocked.Decrement(ref _inFlight);

    public void RecordLatency(double ms)
    {
        // Lost updates under a race only skip one sample of an average.
        var current = LatencyMs;
        var next = current == 0 ? ms : current + (LatencyWeight * (ms - current));
        Interlocked.Exchange(ref _latencyBits, BitConverter.DoubleToInt64Bits(Math.Max(next, 0.001)));
    }
}
