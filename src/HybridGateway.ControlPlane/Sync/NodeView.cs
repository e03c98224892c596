using HybridGateway.Configuration.State;
using HybridGateway.Contracts.Sync.V1;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>
/// The config as one group of nodes gets it (see <see cref="ConfigView"/>): computed once per
/// version and view key however many nodes share it, with its snapshot messages built on first use.
/// </summary>
public sealed class NodeView
{
    private readonly Lazy<ConfigState> _state;
    private readonly Lazy<IReadOnlyList<ControlPlaneMessage>> _snapshot;

    public NodeView(string key, long version, Func<ConfigState> state)
    {
        Key = key;
        Version = version;
        _state = new Lazy<ConfigState>(state);
        _snapshot = new Lazy<IReadOnlyList<ControlPlaneMessage>>(() => ConfigPayloads.BuildSnapshot(State));
    }

    /// <summary>"full", or the selector labels with this group's values ("region=eu-west").</summary>
    public string Key { get; }

    public long Version { get; }

    public ConfigState State => _state.Value;

    /// <summary>Whether the view leaves something out: then the node gets snapshots of it, never the log's deltas.</summary>
    public bool Scoped(ConfigState full) => !ReferenceEquals(State, full);

    public IReadOnlyList<ControlPlaneMessage> Snapshot => _snapshot.Value;
}
