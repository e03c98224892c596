using HybridGateway.Configuration.State;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.ControlPlane.Rollout;
using HybridGateway.ControlPlane.Store;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>
/// Decides what a node is sent: the version it should serve (the latest, or its hold's, never
/// below what it serves), that version's state, and either the log's delta or a snapshot of the
/// node's own view (a node whose view leaves something out, or held one, gets snapshots).
/// </summary>
public sealed class NodeConfigPlanner(ConfigStore store, ConfigPayloads payloads, ConfigViews views, VersionHolds holds, HeldVersions heldVersions)
{
    public Task HoldsChanged => holds.Changed;

    /// <summary>The version the node should serve now, and the hold or rollout that keeps it there (null: the latest).</summary>
    public async Task<(long Target, string? HeldBy)> TargetAsync(IReadOnlyDictionary<string, string> labels, long applied, CancellationToken cancellation)
    {
        var latest = store.Cached;
        if (applied > latest.Version)
        {
            // Never send a node back to an older version because this replica is behind: ask the database.
            latest = await store.GetCurrentAsync(cancellation);
        }
        var (target, heldBy) = holds.TargetFor(labels, latest.Version);
        return (Math.Max(target, Math.Min(applied, latest.Version)), heldBy);
    }

    public async Task<ConfigState> StateAtAsync(long version, CancellationToken cancellation)
    {
        var latest = store.Cached;
        return version >= latest.Version ? latest : await heldVersions.AtAsync(version, cancellation);
    }

    /// <summary>The view the node gets of that state, and the delta to it when one can be sent (null: send the view's snapshot).</summary>
    public async Task<(NodeView View, bool Scoped, IReadOnlyList<ControlPlaneMessage>? Delta)> PlanAsync(
        ConfigState state, IReadOnlyDictionary<string, string> labels, long applied, bool needsSnapshot, bool holdsScopedView, CancellationToken cancellation)
    {
        var view = views.For(state, labels);
        var scoped = view.Scoped(state);
        var delta = !scoped && !holdsScopedView && !needsSnapshot && applied > 0 && applied < state.Version
            ? await payloads.DeltaAsync(applied, state, cancellation)
            : null;
        return (view, scoped, delta);
    }

    public IReadOnlyList<ControlPlaneMessage> Snapshot(ConfigState state, NodeView view, bool scoped) => scoped ? view.Snapshot : payloads.Snapshot(state);

    /// <summary>Whether a reconnecting node already holds its own view of the latest version.</summary>
    public bool HoldsLatestView(IReadOnlyDictionary<string, string> labels, long version, string hash) =>
        NodeResume.HoldsLatestView(store.Cached, views.For(store.Cached, labels), version, hash);
}
