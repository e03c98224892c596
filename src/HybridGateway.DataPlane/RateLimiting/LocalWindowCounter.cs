using HybridGateway.Plugins.RateLimiting;

namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>A fixed-window counter held by this node alone: Kong's <c>local</c> policy, and the local share while the cluster counters are out of reach.</summary>
public sealed class LocalWindowCounter(RateLimitWindow window)
{
    private readonly Lock _gate = new();
    private long _periodStart = long.MinValue;
    private long _periodEnd;
    private long _count;

    public RateLimitWindow Window { get; } = window;

    /// <summary>The usage of the period holding <paramref name="nowMs"/>, before this request.</summary>
    public long Usage(long nowMs)
    {
        lock (_gate)
        {
            Roll(nowMs);
            return _count;
        }
    }

    public void Increment(long nowMs)
    {
        lock (_gate)
        {
            Roll(nowMs);
            _count++;
        }
    }

    public bool IsIdle(long nowMs)
    {
        lock (_gate)
        {
            return nowMs >= _periodEnd;
        }
    }

    private void Roll(long nowMs)
    {
        if (nowMs >= _periodEnd || nowMs < _periodStart)
        {
            (_periodStart, _periodEnd) = Window.PeriodAt(nowMs);
            _count = 0;
        }
    }
}
