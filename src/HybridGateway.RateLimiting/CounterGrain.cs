using HybridGateway.Plugins.RateLimiting;

namespace HybridGateway.RateLimiting;

/// <summary>
/// A cluster-wide fixed-window counter. It never grants more tokens in a period than the limit,
/// and as the period's tokens run low it grants each node a fair share rather than all it asks for,
/// so that no node sits on tokens others are waiting for. It remembers what each node holds, so a
/// counter that restarts mid-period (its replica died) rebuilds its count from the nodes' asks.
/// </summary>
[CollectionAgeLimit("00:02:00")]
public sealed class CounterGrain(ICounterCheckpoints checkpoints, TimeProvider clock) : Grain, ICounterGrain
{
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, long> _heldByNode = new(StringComparer.Ordinal);
    private RateLimitWindow? _window;
    private long _periodStart = -1;
    private long _periodEnd;
    private long _count;
    private bool _restored;
    private bool _dirty;
    private IGrainTimer? _checkpointTimer;

    /// <summary>Windows this long or longer outlive an idle grain, so their count is checkpointed.</summary>
    public static bool IsCheckpointed(RateLimitWindow window) => window.Index >= RateLimitWindow.Hour.Index;

    public async Task<CounterGrant> Lease(CounterAsk ask)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var window = RateLimitWindow.Find(ask.Window) ?? throw new ArgumentException("unknown window '" + ask.Window + "'", nameof(ask));
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await EnterPeriodAsync(window, now);

        // A node reports what it holds of this period: more than this counter knows means the
        // counter restarted after granting it, so the count takes it in.
        _heldByNode.TryGetValue(ask.Node, out var known);
        if (!_restored && ask.PeriodStartUnixMs == _periodStart && ask.HeldInPeriod > known)
        {
            _count += ask.HeldInPeriod - known;
            known = ask.HeldInPeriod;
        }

        var limit = Math.Max(0, ask.Limit);
        var available = Math.Max(0, limit - _count);
        var nodes = Math.Max(1, _heldByNode.Count + (_heldByNode.ContainsKey(ask.Node) ? 0 : 1));
        // While a tenth of the limit is left, a node gets what it asks for; in the tail, a share.
        var cap = available * 10 > limit ? available : Math.Max(1, available / nodes);
        var granted = Math.Clamp(ask.Tokens, 0, Math.Min(available, cap));
        _count += granted;
        _heldByNode[ask.Node] = known + granted;
        _dirty |= granted > 0;
        return new CounterGrant(granted, Math.Max(0, limit - _count), _periodStart, Math.Max(0, _periodEnd - now), nodes);
    }

    public Task Return(CounterReturn returned)
    {
        ArgumentNullException.ThrowIfNull(returned);
        if (returned.PeriodStartUnixMs == _periodStart && _heldByNode.TryGetValue(returned.Node, out var held))
        {
            var back = Math.Clamp(returned.Tokens, 0, held);
            _heldByNode[returned.Node] = held - back;
            _count = Math.Max(0, _count - back);
            _dirty |= back > 0;
        }
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await CheckpointAsync(cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task EnterPeriodAsync(RateLimitWindow window, long now)
    {
        if (_window is null)
        {
            _window = window;
            if (IsCheckpointed(window))
            {
                var stored = await checkpoints.ReadAsync(this.GetPrimaryKeyString(), CancellationToken.None);
                var (start, end) = window.PeriodAt(now);
                if (stored is { } s && s.PeriodStartUnixMs == start)
                {
                    (_periodStart, _periodEnd, _count, _restored) = (start, end, s.Count, true);
                }
                _checkpointTimer = this.RegisterGrainTimer(CheckpointAsync, CheckpointInterval, CheckpointInterval);
            }
        }
        if (now >= _periodEnd || now < _periodStart)
        {
            (_periodStart, _periodEnd) = window.PeriodAt(now);
            _count = 0;
            _restored = false;
            _heldByNode.Clear();
        }
    }

    private async Task CheckpointAsync(CancellationToken cancellation)
    {
        if (!_dirty || _window is null || !IsCheckpointed(_window))
        {
            return;
        }
        _dirty = false;
        await checkpoints.WriteAsync(this.GetPrimaryKeyString(), _periodStart, _count, cancellation);
    }
}
