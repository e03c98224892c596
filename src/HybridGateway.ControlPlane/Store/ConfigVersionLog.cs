using System.Collections.Concurrent;
using HybridGateway.Configuration.State;

namespace HybridGateway.ControlPlane.Store;

/// <summary>
/// The recent versions in memory: which entities each touched, its hash and commit time. Deltas
/// for nodes a few versions behind are built from here without reading the event log.
/// </summary>
public sealed class ConfigVersionLog
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<long, VersionRecord> _records = new();

    public void Add(VersionRecord record)
    {
        _records[record.Version] = record;
        // Versions arrive in order, so dropping the one that fell out of the window keeps the size bounded.
        _records.TryRemove(record.Version - Capacity, out _);
    }

    public VersionRecord? Find(long version) => _records.GetValueOrDefault(version);

    /// <summary>Every entity touched by versions after <paramref name="from"/> up to <paramref name="to"/>, if all are held.</summary>
    public bool TryCollectTouched(long from, long to, out HashSet<EntityAddress> touched)
    {
        touched = [];
        for (var version = from + 1; version <= to; version++)
        {
            if (!_records.TryGetValue(version, out var record))
            {
                return false;
            }
            touched.UnionWith(record.Touched);
        }
        return true;
    }
}
