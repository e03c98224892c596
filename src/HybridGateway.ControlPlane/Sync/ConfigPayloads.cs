using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.ControlPlane.Store;
using HybridGateway.Sync;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>
/// Builds the snapshot and delta messages sent to nodes, in chunks, once per version (or per
/// from→to pair) however many nodes receive them.
/// </summary>
public sealed class ConfigPayloads(ConfigStore store)
{
    /// <summary>Resources per message: keeps each message far below gRPC's 4 MB default limit.</summary>
    public const int ChunkSize = 1000;

    private readonly Lock _gate = new();
    private (long Version, IReadOnlyList<ControlPlaneMessage> Messages)? _snapshot;
    private long _deltaTarget = -1;
    private Dictionary<long, IReadOnlyList<ControlPlaneMessage>> _deltas = [];

    public IReadOnlyList<ControlPlaneMessage> Snapshot(ConfigState state)
    {
        lock (_gate)
        {
            if (_snapshot is { } cached && cached.Version == state.Version)
            {
                return cached.Messages;
            }
        }
        var nonce = "s" + state.Version + "-" + Guid.NewGuid().ToString("N")[..8];
        var resources = ResourceCodec.ToResources(state).ToArray();
        var chunks = Chunk(resources.Length);
        var messages = new List<ControlPlaneMessage>(chunks);
        for (var i = 0; i < chunks; i++)
        {
            var snapshot = new Snapshot
            {
                Nonce = nonce,
                Version = (ulong)state.Version,
                Hash = state.Hash.ToString(),
                ChunkIndex = (uint)i,
                ChunkCount = (uint)chunks,
            };
            snapshot.Resources.AddRange(resources.Skip(i * ChunkSize).Take(ChunkSize));
            messages.Add(new ControlPlaneMessage { Snapshot = snapshot });
        }
        lock (_gate)
        {
            _snapshot = (state.Version, messages);
        }
        return messages;
    }

    /// <summary>The delta from <paramref name="from"/> to <paramref name="state"/>, or null when the log cannot say what changed.</summary>
    public async Task<IReadOnlyList<ControlPlaneMessage>?> DeltaAsync(long from, ConfigState state, CancellationToken cancellation)
    {
        lock (_gate)
        {
            if (_deltaTarget == state.Version && _deltas.TryGetValue(from, out var cached))
            {
                return cached;
            }
        }
        if (!store.Versions.TryCollectTouched(from, state.Version, out var touched))
        {
            var events = await store.GetEventsAsync(from, state.Version, cancellation);
            if (events.Count != state.Version - from)
            {
                return null;
            }
            touched = events.Select(e => e.Data).OfType<ConfigChanged>()
                .SelectMany(c => c.Changes)
                .Select(c => new EntityAddress(EntityKinds.Find(c.Kind)!, c.Id))
                .ToHashSet();
        }
        var upserts = new List<Resource>();
        var removals = new List<ResourceKey>();
        foreach (var address in touched)
        {
            if (state.Find(address.Kind, address.Id) is { } entity)
            {
                upserts.Add(ResourceCodec.ToResource(address.Kind, entity));
            }
            else
            {
                removals.Add(new ResourceKey { Kind = address.Kind.Name, Id = address.Id.ToString() });
            }
        }
        var messages = BuildDelta(from, state, upserts, removals);
        lock (_gate)
        {
            if (_deltaTarget != state.Version)
            {
                _deltaTarget = state.Version;
                _deltas = [];
            }
            _deltas[from] = messages;
        }
        return messages;
    }

    private static List<ControlPlaneMessage> BuildDelta(long from, ConfigState state, List<Resource> upserts, List<ResourceKey> removals)
    {
        var nonce = "d" + from + "-" + state.Version + "-" + Guid.NewGuid().ToString("N")[..8];
        var chunks = Chunk(upserts.Count + removals.Count);
        var messages = new List<ControlPlaneMessage>(chunks);
        for (var i = 0; i < chunks; i++)
        {
            var delta = new Delta
            {
                Nonce = nonce,
                FromVersion = (ulong)from,
                ToVersion = (ulong)state.Version,
                ToHash = state.Hash.ToString(),
                ChunkIndex = (uint)i,
                ChunkCount = (uint)chunks,
            };
            var end = Math.Min((i + 1) * ChunkSize, upserts.Count + removals.Count);
            for (var j = i * ChunkSize; j < end; j++)
            {
                if (j < upserts.Count)
                {
                    delta.Upserts.Add(upserts[j]);
                }
                else
                {
                    delta.Removals.Add(removals[j - upserts.Count]);
                }
            }
            messages.Add(new ControlPlaneMessage { Delta = delta });
        }
        return messages;
    }

    private static int Chunk(int count) => Math.Max(1, (count + ChunkSize - 1) / ChunkSize);
}
