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
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<VersionHold> All => _all;

    /// <summary>Completes when the holds change; sessions wait on it with new versions.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>The version a node with these labels should serve now: the lowest hold it matches, else the latest.</summary>
    public (long Version, VersionHold? Hold) TargetFor(IReadOnlyDictionary<string, string> labels, long latest)
    {
        VersionHold? holding = null;
        foreach (var hold in _all)
        {
            if (hold.Version < latest && hold.Matches(labels) && (holding is null || hold.Version < holding.Version))
            {
                holding = hold;
            }
        }
        return (holding?.Version ?? latest, holding);
    }

    public async Task RefreshAsync(CancellationToken cancellation)
    {
        await using var session = documents.QuerySession();
        var all = await session.Query<VersionHold>().OrderBy(h => h.Id).ToListAsync(cancellation);
        if (!Same(all, _all))
        {
            _all = all;
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>Stores or removes a hold, tells every replica, and applies it here at once.</summary>
    public async Task WriteAsync(VersionHold? hold, string? deleteId, CancellationToken cancellation)
    {
        await using var session = documents.LightweightSession();
        if (hold is not null)
        {
            session.Store(hold);
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
}
