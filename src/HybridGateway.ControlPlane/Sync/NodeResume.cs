using HybridGateway.Configuration.State;
using HybridGateway.ControlPlane.Store;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>What a reconnecting node can be spared: a delta instead of a snapshot, or nothing at all.</summary>
public static class NodeResume
{
    /// <summary>A node can be sent a delta when its version is in our history with the hash it reports.</summary>
    public static async Task<bool> CanResumeAsync(ConfigStore store, long version, string hash, CancellationToken cancellation)
    {
        var current = store.Cached;
        if (version == 0 || version > current.Version)
        {
            return version == 0 && current.Version == 0;
        }
        if (version == current.Version)
        {
            return hash == current.Hash.ToString();
        }
        var record = await store.GetVersionRecordAsync(version, cancellation);
        return record is not null && record.Hash == hash;
    }

    /// <summary>Whether the node already holds its own view of the latest version (same version, the view's hash).</summary>
    public static bool HoldsLatestView(ConfigState latest, NodeView view, long version, string hash) =>
        version == latest.Version && version > 0 && view.Scoped(latest) && view.State.Hash.ToString() == hash;
}
