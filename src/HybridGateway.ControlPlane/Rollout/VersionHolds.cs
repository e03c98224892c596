using HybridGateway.ControlPlane.Store;
using Marten;

namespace HybridGateway.ControlPlane.Rollout;

/// <summary>
/// The holds in force, held in memory for the sync sessions and read again from PostgreSQL when
/// any replica changes them (the replica listener's notification, or its poll).
/// </summary>
public sealed class VersionHolds(IDocumentStore documents)
{
    private volatile IReadOnlyList<VersionHold> _all = [];
    private volatile IReadOnlyList<RolloutPlan> _rollouts = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<VersionHold> All => _all;

    /// <summary>Rollouts that are not completed.</summary>
    public IReadOnlyList<RolloutPlan> Rollouts => _rollouts;

    /// <summary>Completes when the holds change; sessions wait on it with new versions.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>
    /// The version a node with these labels should serve now: the lowest of the holds and running
    /// rollouts that keep it, else the latest; and what keeps it ("hold-name" or "rollout:name").
    /// </summary>
    public (long Version, string? HeldBy) TargetFor(IReadOnlyDictionary<string, string> labels, long latest)
    {
        var (version, heldBy) = (latest, (string?)null);
        foreach (var hold in _all)
        {
            if (hold.Version < version && hold.Matches(labels))
            {
                (version, heldBy) = (hold.Version, hold.Id);
            }
        }
        foreach (var rollout in _rollouts)
        {
            if (rollout.Baseline < version && rollout.Holds(labels))
            {
                (version, heldBy) = (rollout.Baseline, "rollout:" + rollout.Id);
            }
        }
        return (version, heldBy);
    }

    public async Task RefreshAsync(CancellationToken cancellation)
    {
        await using var session = documents.QuerySession();
        var all = await session.Query<VersionHold>().OrderBy(h => h.Id).ToListAsync(cancellation);
        var rollouts = await session.Query<RolloutPlan>().Where(r => r.Status != RolloutPlan.Completed).OrderBy(r => r.Id).ToListAsync(cancellation);
        if (!Same(all, _all) || !rollouts.SequenceEqual(_rollouts, RolloutComparer.Instance))
        {
            _all = all;
            _rollouts = rollouts;
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>Stores or removes a hold, tells every replica, and applies it here at once.</summary>
    public async Task WriteAsync(VersionHold? hold, string? deleteId, CancellationToken cancellation, RolloutPlan? rollout = null)
    {
        await using var session = documents.LightweightSession();
        if (hold is not null)
        {
            session.Store(hold);
        }
        if (rollout is not null)
        {
            session.Store(rollout);
        }
        if (deleteId is not null)
        {
            session.Delete<VersionHold>(deleteId);
        }
        session.QueueSqlCommand("select pg_notify('" + ConfigNotifications.Channel + "', 'holds')");
        await session.SaveChangesAsync(cancellation);
        await RefreshAsync(cancellation);
    }

    private static bool Same(IReadOnlyList<VersionHold> a, IReadOnlyList<VersionHold> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Id == p.Second.Id && p.First.Version == p.Second.Version
            && p.First.Selector.Count == p.Second.Selector.Count && p.First.Selector.All(s => p.Second.Selector.GetValueOrDefault(s.Key) == s.Value));

    /// <summary>Rollouts compare by what decides targets: status, baseline and released waves.</summary>
    private sealed class RolloutComparer : IEqualityComparer<RolloutPlan>
    {
        public static readonly RolloutComparer Instance = new();

        public bool Equals(RolloutPlan? x, RolloutPlan? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Status == y.Status && x.Baseline == y.Baseline && x.Released == y.Released
            && x.WaveDoneAt == y.WaveDoneAt && x.StoppedReason == y.StoppedReason;

        public int GetHashCode(RolloutPlan obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
