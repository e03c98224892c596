using Google.Protobuf;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.ControlPlane.Store;
using HybridGateway.Sync;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>
/// Builds the snapshot and delta messages sent to nodes, once per version (or per from→to pair)
/// however many nodes ask at the same moment, in chunks bounded by entity count and by bytes.
/// </summary>
public sealed class ConfigPayloads(ConfigStore store)
{
    /// <summary>At most this many entities per message.</summary>
    public const int ChunkEntities = 1000;

    /// <summary>At most about this many bytes of entities per message: far below the nodes' 64 MiB receive limit.</summary>
    public const int ChunkBytes = 4 * 1024 * 1024;

    private readonly Lock _gate = new();
    private (long Version, Lazy<IReadOnlyList<ControlPlaneMessage>> Messages)? _snapshot;
    private long _deltaTarget = -1;
    private Dictionary<long, Lazy<Task<IReadOnlyList<ControlPlaneMessage>?>>> _deltas = [];

    public IReadOnlyList<ControlPlaneMessage> Snapshot(ConfigState state)
    {
        Lazy<IReadOnlyList<ControlPlaneMessage>> build;
        lock (_gate)
        {
            if (_snapshot is not { } cached || cached.Version != state.Version)
            {
                if (_snapshot is { } newer && newer.Version > state.Version)
                {
                    return BuildSnapshot(state); // an older version asked for late: not worth caching
                }
                _snapshot = (state.Version, new Lazy<IReadOnlyList<ControlPlaneMessage>>(() => BuildSnapshot(state)));
            }
            build = _snapshot.Value.Messages;
        }
        return build.Value;
    }

    /// <summary>The delta from <paramref name="from"/> to <paramref name="state"/>, or null when the log cannot say what changed.</summary>
    public async Task<IReadOnlyList<ControlPlaneMessage>?> DeltaAsync(long from, ConfigState state, CancellationToken cancellation)
    {
        Lazy<Task<IReadOnlyList<ControlPlaneMessage>?>> build;
        lock (_gate)
        {
            if (state.Version < _deltaTarget)
            {
                build = new Lazy<Task<IReadOnlyList<ControlPlaneMessage>?>>(() => BuildDeltaAsync(from, state));
            }
            else
            {
                if (state.Version > _deltaTarget)
                {
                    _deltaTarget = state.Version;
                    _deltas = [];
                }
                if (!_deltas.TryGetValue(from, out build!))
                {
                    // One build, shared by every session that asks for the same pair; none of them can cancel it.
                    build = new Lazy<Task<IReadOnlyList<ControlPlaneMessage>?>>(() => BuildDeltaAsync(from, state));
                    _deltas[from] = build;
                }
            }
        }
        try
        {
            return await build.Value.WaitAsync(cancellation);
        }
        catch (Exception) when (!cancellation.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (_deltas.TryGetValue(from, out var cached) && cached == build)
                {
                    _deltas.Remove(from); // a failed build is not kept: the next node tries again
                }
            }
            throw;
        }
    }

    public static IReadOnlyList<ControlPlaneMessage> BuildSnapshot(ConfigState state)
    {
        using var span = Telemetry.ControlPlaneTracing.StartSnapshotBuild(state.Version);
        var messages = BuildSnapshotMessages(state);
        span?.SetTag("hybridgateway.sync.chunks", messages.Count);
        span?.SetTag("hybridgateway.sync.entities", messages.Sum(m => m.Snapshot.Resources.Count));
        return messages;
    }

    private static List<ControlPlaneMessage> BuildSnapshotMessages(ConfigState state)
    {
        var nonce = "s" + state.Version + "-" + Guid.NewGuid().ToString("N")[..8];
        var chunks = Chunk(ResourceCodec.ToResources(state).ToArray(), r => r.Json.Length);
        var messages = new List<ControlPlaneMessage>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var snapshot = new Snapshot
            {
                Nonce = nonce,
                Version = (ulong)state.Version,
                Hash = state.Hash.ToString(),
                ChunkIndex = (uint)i,
                ChunkCount = (uint)chunks.Count,
            };
            snapshot.Resources.AddRange(chunks[i]);
            messages.Add(new ControlPlaneMessage { Snapshot = snapshot });
        }
        return messages;
    }

    private async Task<IReadOnlyList<ControlPlaneMessage>?> BuildDeltaAsync(long from, ConfigState state)
    {
        if (!store.Versions.TryCollectTouched(from, state.Version, out var touched))
        {
            var events = await store.GetEventsAsync(from, state.Version, CancellationToken.None);
            if (events.Count != state.Version - from)
            {
                return null;
            }
            touched = events.Select(e => e.Data).OfType<ConfigChanged>()
                .SelectMany(c => c.Changes)
                .Select(c => new EntityAddress(EntityKinds.Find(c.Kind)!, c.Id))
                .ToHashSet();
        }
        // Upserts and removals share the chunks: each item is one or the other.
        var items = new List<(Resource? Upsert, ResourceKey? Removal)>(touched.Count);
        foreach (var address in touched)
        {
            items.Add(state.Find(address.Kind, address.Id) is { } entity
                ? (ResourceCodec.ToResource(address.Kind, entity), null)
                : (null, new ResourceKey { Kind = address.Kind.Name, Id = address.Id.ToString() }));
        }
        var nonce = "d" + from + "-" + state.Version + "-" + Guid.NewGuid().ToString("N")[..8];
        var chunks = Chunk(items, item => item.Upsert?.Json.Length ?? 64);
        var messages = new List<ControlPlaneMessage>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var delta = new Delta
            {
                Nonce = nonce,
                FromVersion = (ulong)from,
                ToVersion = (ulong)state.Version,
                ToHash = state.Hash.ToString(),
                ChunkIndex = (uint)i,
                ChunkCount = (uint)chunks.Count,
            };
            foreach (var (upsert, removal) in chunks[i])
            {
                if (upsert is not null)
                {
                    delta.Upserts.Add(upsert);
                }
                else
                {
                    delta.Removals.Add(removal);
                }
            }
            messages.Add(new ControlPlaneMessage { Delta = delta });
        }
        return messages;
    }

    /// <summary>Splits items into chunks of at most <see cref="ChunkEntities"/> items and about <see cref="ChunkBytes"/> bytes; never zero chunks.</summary>
    private static List<List<T>> Chunk<T>(IReadOnlyList<T> items, Func<T, int> size)
    {
        var chunks = new List<List<T>> { new() };
        var bytes = 0;
        foreach (var item in items)
        {
            var current = chunks[^1];
            var itemBytes = size(item);
            if (current.Count > 0 && (current.Count == ChunkEntities || bytes + itemBytes > ChunkBytes))
            {
                chunks.Add(current = []);
                bytes = 0;
            }
            current.Add(item);
            bytes += itemBytes;
        }
        return chunks;
    }
}
