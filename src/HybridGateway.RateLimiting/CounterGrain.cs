using HybridGateway.Plugins.RateLimiting;

namespace HybridGateway.RateLimiting;

/// <summary>
/// A cluster-wide fixed-window counter (see <see cref="CounterLedger"/>). Idle, it is deactivated
/// after two minutes, longer than a minute window: so second and minute counts can only be lost
/// with their replica, and are then rebuilt from the nodes' asks. Counts of an hour and longer are
/// checkpointed every two seconds while they change, and read back on activation. Counters are
/// placed at random over the replicas' silos, so their load and their loss with a replica are spread.
/// </summary>
[CollectionAgeLimit("00:02:00")]
[Orleans.Placement.RandomPlacement]
public sealed class CounterGrain(ICounterCheckpoints checkpoints, TimeProvider clock) : Grain, ICounterGrain
{
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(2);

    private CounterLedger? _ledger;

    /// <summary>Windows this long or longer outlive an idle grain, so their count is checkpointed.</summary>
    public static bool IsCheckpointed(RateLimitWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return window.Index >= RateLimitWindow.Hour.Index;
    }

    public async Task<CounterGrant> Lease(CounterAsk ask)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (_ledger is null)
        {
            var window = RateLimitWindow.Find(ask.Window) ?? throw new ArgumentException("unknown window '" + ask.Window + "'", nameof(ask));
            var ledger = new CounterLedger(window);
            if (IsCheckpointed(window))
            {
                if (await checkpoints.ReadAsync(this.GetPrimaryKeyString(), CancellationToken.None) is { } stored)
                {
                    ledger.Restore(stored.PeriodStartUnixMs, stored.Count, now);
                }
                this.RegisterGrainTimer(CheckpointAsync, CheckpointInterval, CheckpointInterval);
            }
            _ledger = ledger;
        }
        return _ledger.Lease(ask, now);
    }

    public Task Return(CounterReturn returned)
    {
        _ledger?.Return(returned);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await CheckpointAsync(cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task CheckpointAsync(CancellationToken cancellation)
    {
        if (_ledger is not { Dirty: true } ledger || !IsCheckpointed(ledger.Window))
        {
            return;
        }
        ledger.MarkSaved();
        await checkpoints.WriteAsync(this.GetPrimaryKeyString(), ledger.PeriodStartUnixMs, ledger.Count, cancellation);
    }
}
