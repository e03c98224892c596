using HybridGateway.Plugins.RateLimiting;

namespace HybridGateway.RateLimiting;

/// <summary>
/// The counting behind <see cref="CounterGrain"/>, apart from Orleans: one window's count for the
/// current period, what each node holds of it, and the rule that never grants past the limit and
/// shares the period's last tokens between the nodes asking for them.
/// </summary>
public sealed class CounterLedger(RateLimitWindow window)
{
    /// <summary>How soon a node held back while a restarted counter waits for the others' reports asks again.</summary>
    public const long RecoveryRetryMs = 250;

    private readonly Dictionary<string, long> _heldByNode = new(StringComparer.Ordinal);
    private long _periodStart = -1;
    private long _periodEnd;
    private int _lastPeriodNodes = 1;
    private bool _restored;
    private bool _recovering;
    private int _expectedNodes = 1;

    public RateLimitWindow Window { get; } = window;

    public long PeriodStartUnixMs => _periodStart;

    /// <summary>Tokens granted in the current period, less those returned.</summary>
    public long Count { get; private set; }

    /// <summary>Whether anything changed since <see cref="MarkSaved"/>.</summary>
    public bool Dirty { get; private set; }

    /// <summary>Starts from a saved count (of a long window): node reports then cannot be told from it, so they are not added.</summary>
    public void Restore(long periodStartUnixMs, long count, long nowMs)
    {
        var (start, end) = Window.PeriodAt(nowMs);
        if (periodStartUnixMs == start)
        {
            (_periodStart, _periodEnd, Count, _restored) = (start, end, count, true);
        }
    }

    public CounterGrant Lease(CounterAsk ask, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(ask);
        EnterPeriod(nowMs);
        // A node reports what it holds of this period: more than this counter knows means the
        // counter restarted after granting it, so the count takes it in.
        var seen = _heldByNode.TryGetValue(ask.Node, out var known);
        if (!_restored && ask.PeriodStartUnixMs == _periodStart && ask.HeldInPeriod > known)
        {
            // A node holds tokens of this period this counter never granted it: the counter restarted.
            _recovering |= !seen;
            Count += ask.HeldInPeriod - known;
            known = ask.HeldInPeriod;
        }
        _heldByNode[ask.Node] = known;
        _expectedNodes = Math.Max(_expectedNodes, ask.KnownNodes);
        var limit = Math.Max(0, ask.Limit);
        var available = Math.Max(0, limit - Count - Reserved());
        var nodes = Math.Max(_lastPeriodNodes, _heldByNode.Count);
        // With several nodes asking, one ask takes at most its node's share of what is left (at
        // least one token), so no node sits on tokens the others are waiting for.
        var cap = nodes <= 1 ? available : Math.Max(1, available / nodes);
        var granted = Math.Clamp(ask.Tokens, 0, Math.Min(available, cap));
        Count += granted;
        _heldByNode[ask.Node] = known + granted;
        Dirty |= granted > 0;
        var ttl = Math.Max(0, _periodEnd - nowMs);
        if (granted == 0 && _recovering)
        {
            // Held back for nodes that have not reported yet: ask again soon rather than at the period's end.
            ttl = Math.Min(ttl, RecoveryRetryMs);
        }
        return new CounterGrant(granted, Math.Max(0, limit - Count), _periodStart, ttl, Math.Max(_lastPeriodNodes, _heldByNode.Count));
    }

    public void Return(CounterReturn returned)
    {
        ArgumentNullException.ThrowIfNull(returned);
        if (returned.PeriodStartUnixMs == _periodStart && _heldByNode.TryGetValue(returned.Node, out var held))
        {
            var back = Math.Clamp(returned.Tokens, 0, held);
            _heldByNode[returned.Node] = held - back;
            Count = Math.Max(0, Count - back);
            Dirty |= back > 0;
        }
    }

    public void MarkSaved() => Dirty = false;

    /// <summary>
    /// After a restart, what the nodes that have not reported yet probably hold: as much as the
    /// average node that did. Nothing in a counter that never restarted.
    /// </summary>
    private long Reserved()
    {
        if (!_recovering)
        {
            return 0;
        }
        var reported = Math.Max(1, _heldByNode.Count);
        var missing = Math.Max(0, _expectedNodes - reported);
        return missing * ((Count + reported - 1) / reported);
    }

    private void EnterPeriod(long nowMs)
    {
        if (nowMs < _periodEnd && nowMs >= _periodStart)
        {
            return;
        }
        if (_heldByNode.Count > 0)
        {
            _lastPeriodNodes = _heldByNode.Count;
        }
        (_periodStart, _periodEnd) = Window.PeriodAt(nowMs);
        Count = 0;
        _restored = false;
        _recovering = false;
        _expectedNodes = 1;
        _heldByNode.Clear();
    }
}
