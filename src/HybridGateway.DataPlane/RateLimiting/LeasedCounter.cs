using HybridGateway.Contracts.RateLimit.V1;
using HybridGateway.Plugins.RateLimiting;

namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>
/// A node's view of one cluster-wide counter: the tokens it leased for the current period, spent
/// locally. It asks for more before it runs out (in the background), sizes asks by its recent rate
/// and the period's remainder, and lets a lease lapse at the time the counter gave, counted from when
/// the ask was sent, so a lease ends early, never late. A request waits at most for one ask.
/// </summary>
public sealed class LeasedCounter(string name, RateLimitWindow window, long limit, ILeaseSource source, RateLimitStats stats, TimeProvider clock)
{
    /// <summary>How far ahead a lease should last at the node's recent rate.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A safety bound on the asks a request waits through while the counter keeps granting but other
    /// waiters take the tokens. Each such round hands out at least one token, so the wait ends with
    /// the period's tokens anyway; the counter shares its last tokens out in ever smaller grants.
    /// </summary>
    private const int MaxRounds = 1024;

    /// <summary>A request that finds its period spent this close to the period's end waits for the next period.</summary>
    private static readonly TimeSpan PeriodEndWait = TimeSpan.FromMilliseconds(25);

    private readonly Lock _gate = new();
    private long _tokens;
    private long _expires;
    private long _periodStart;
    private long _held;
    private long _serverRemaining = -1;
    private int _liveNodes = 1;
    private bool _exhausted;
    private bool _reachable = true;
    private Task? _pending;
    private int _waiting;
    private long _demandSinceAsk;
    private long _lastAsk;
    private long _lastUsed;

    public string Name { get; } = name;

    public RateLimitWindow Window { get; } = window;

    public long Limit { get; } = limit;

    /// <summary>Nodes that shared this counter in its last period, as the counter said.</summary>
    public int LiveNodes
    {
        get
        {
            lock (_gate)
            {
                return _liveNodes;
            }
        }
    }

    public long LastUsed => Interlocked.Read(ref _lastUsed);

    public async ValueTask<TakeResult> TakeAsync()
    {
        Task pending;
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            _lastUsed = now;
            _demandSinceAsk++;
            if (TryTakeLocked(now, out var remaining))
            {
                return new TakeResult(TakeOutcome.Taken, remaining);
            }
            var periodEnding = false;
            if (_exhausted && now < _expires)
            {
                if (clock.GetElapsedTime(now, _expires) > PeriodEndWait)
                {
                    return new TakeResult(TakeOutcome.Exhausted, 0);
                }
                periodEnding = true;
            }
            if (!source.Available)
            {
                _reachable = false;
                return new TakeResult(TakeOutcome.Unavailable, 0);
            }
            _waiting++;
            pending = periodEnding ? Task.CompletedTask : _pending ??= AskAsync();
        }
        // A request that finds no token waits for an ask (its own or the one already on its way), and
        // asks again while the counter keeps granting but other waiters took the tokens: a request is
        // refused only once the counter says the period is spent.
        for (var round = 0; ; round++)
        {
            await pending;
            TimeSpan wait;
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                if (TryTakeLocked(now, out var remaining))
                {
                    _waiting--;
                    return new TakeResult(TakeOutcome.Taken, remaining);
                }
                wait = _exhausted && now < _expires ? clock.GetElapsedTime(now, _expires) : TimeSpan.Zero;
                // A lease lapses a little before its period ends (it is counted from the ask): an ask in
                // that gap finds the old period spent. Its end is a few milliseconds away: wait for it.
                var periodEnding = wait > TimeSpan.Zero && wait <= PeriodEndWait;
                if (!_reachable || round >= MaxRounds || (wait > TimeSpan.Zero && !periodEnding))
                {
                    _waiting--;
                    return new TakeResult(_reachable ? TakeOutcome.Exhausted : TakeOutcome.Unavailable, 0);
                }
                if (!periodEnding)
                {
                    pending = _pending ??= AskAsync();
                }
            }
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock);
                lock (_gate)
                {
                    pending = _pending ??= AskAsync();
                }
            }
        }
    }

    /// <summary>Whether the period's limit is reached for a while yet and no token is left here: requests are refused without asking.</summary>
    public bool IsExhausted()
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            return _tokens <= 0 && _exhausted && now < _expires && clock.GetElapsedTime(now, _expires) > PeriodEndWait;
        }
    }

    /// <summary>
    /// Gives back every unspent token now: a longer window is exhausted, so these cannot be spent
    /// here before it resets, and another node may spend them.
    /// </summary>
    public void ReturnUnspent() => GiveBack(quietSince: null);

    /// <summary>Puts back a token taken for a request that another window then refused.</summary>
    public void Untake()
    {
        lock (_gate)
        {
            if (clock.GetTimestamp() < _expires)
            {
                _tokens++;
            }
        }
    }

    /// <summary>What the window has left, without taking anything.</summary>
    public long Peek()
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            var tokens = now < _expires ? _tokens : 0;
            return _serverRemaining < 0 ? Limit : Math.Max(0, _serverRemaining + tokens);
        }
    }

    /// <summary>Gives the unspent tokens back when the key has gone quiet; true when it did.</summary>
    public bool ReturnIfQuiet(long quietSince) => GiveBack(quietSince);

    /// <summary>Hands the unspent tokens of the current lease back to the counter; with <paramref name="quietSince"/>, only if the key has been unused since then and no ask is on its way.</summary>
    private bool GiveBack(long? quietSince)
    {
        LeaseReturn returned;
        lock (_gate)
        {
            if (_tokens <= 0 || clock.GetTimestamp() >= _expires || (quietSince is { } since && (_lastUsed > since || _pending is not null)))
            {
                return false;
            }
            returned = new LeaseReturn { Counter = Name, Window = Window.Name, PeriodStartUnixMs = _periodStart, Tokens = _tokens };
            _held -= _tokens;
            _tokens = 0;
        }
        stats.OnReturned(returned.Tokens);
        source.Return(returned);
        return true;
    }

    /// <summary>True when nothing is held any more and the key is idle: the counter can be forgotten.</summary>
    public bool IsIdle(long idleSince)
    {
        lock (_gate)
        {
            return _pending is null && _lastUsed <= idleSince && (_tokens == 0 || clock.GetTimestamp() >= _expires);
        }
    }

    private bool TryTakeLocked(long now, out long remaining)
    {
        if (now >= _expires)
        {
            _tokens = 0;
        }
        if (_tokens <= 0)
        {
            remaining = 0;
            return false;
        }
        _tokens--;
        remaining = Math.Max(0, _serverRemaining + _tokens);
        if (_pending is null && !_exhausted && _tokens <= LowWater())
        {
            _pending = AskAsync();
        }
        return true;
    }

    private long LowWater() => Math.Max(0, Want(clock.GetTimestamp()) / 2);

    /// <summary>Tokens to ask for: what the recent rate spends over the horizon (or until the period ends), at least one per waiter.</summary>
    private long Want(long now)
    {
        var since = _lastAsk == 0 ? TimeSpan.Zero : clock.GetElapsedTime(_lastAsk, now);
        var rate = since > TimeSpan.FromMilliseconds(1) ? _demandSinceAsk / since.TotalSeconds : _demandSinceAsk * 10.0;
        var horizon = Horizon.TotalSeconds;
        if (_expires > now)
        {
            horizon = Math.Min(horizon, Math.Max(0.05, clock.GetElapsedTime(now, _expires).TotalSeconds));
        }
        var want = (long)Math.Ceiling(rate * horizon);
        // _waiting already counts the request that asks: one token per waiting request, no more.
        return Math.Clamp(Math.Max(want, _waiting), 1, Math.Max(1, Limit));
    }

    private async Task AskAsync()
    {
        await Task.Yield();
        long sent;
        LeaseAsk ask;
        lock (_gate)
        {
            sent = clock.GetTimestamp();
            ask = new LeaseAsk
            {
                Counter = Name,
                Window = Window.Name,
                Limit = Limit,
                Tokens = Want(sent),
                PeriodStartUnixMs = _periodStart,
                HeldInPeriod = _held,
                KnownNodes = _liveNodes,
            };
            _lastAsk = sent;
            _demandSinceAsk = 0;
        }
        stats.OnAsk();
        LeaseGrant? grant;
        try
        {
            grant = await source.AskAsync(ask);
        }
        catch (Exception)
        {
            grant = null;
        }
        lock (_gate)
        {
            _pending = null;
            if (grant is null || grant.Error.Length > 0)
            {
                _reachable = false;
                stats.OnFailedAsk();
                return;
            }
            _reachable = true;
            if (grant.PeriodStartUnixMs != _periodStart)
            {
                _periodStart = grant.PeriodStartUnixMs;
                _tokens = 0;
                _held = 0;
            }
            else if (clock.GetTimestamp() >= _expires)
            {
                _tokens = 0;
            }
            _tokens += grant.Tokens;
            _held += grant.Tokens;
            _expires = sent + (long)(grant.TtlMs * (clock.TimestampFrequency / 1000.0));
            _serverRemaining = grant.Remaining;
            _liveNodes = Math.Max(1, grant.LiveNodes);
            _exhausted = grant.Tokens == 0;
        }
        stats.OnGranted(grant.Tokens);
    }
}
