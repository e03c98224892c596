using System.Collections.Concurrent;

namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>
/// The node's rate-limiting figures: per instance (admitted, limited, mode) and for the lease
/// stream (asks, tokens granted and returned, failures). /status shows them; telemetry can read them.
/// </summary>
public sealed class RateLimitStats
{
    private readonly ConcurrentDictionary<Guid, RateLimitInstanceStats> _instances = new();
    private long _asks;
    private long _granted;
    private long _returned;
    private long _failedAsks;

    public IEnumerable<RateLimitInstanceStats> Instances => _instances.Values;

    public long Asks => Interlocked.Read(ref _asks);

    public long TokensGranted => Interlocked.Read(ref _granted);

    public long TokensReturned => Interlocked.Read(ref _returned);

    public long FailedAsks => Interlocked.Read(ref _failedAsks);

    /// <summary>The instance's figures, kept across recompiles of the same instance.</summary>
    public RateLimitInstanceStats For(Guid pluginId, string policy)
    {
        var stats = _instances.GetOrAdd(pluginId, id => new RateLimitInstanceStats(id, policy));
        stats.Policy = policy;
        return stats;
    }

    /// <summary>Forgets instances the config no longer has.</summary>
    public void Retain(IReadOnlySet<Guid> live)
    {
        foreach (var id in _instances.Keys)
        {
            if (!live.Contains(id))
            {
                _instances.TryRemove(id, out _);
            }
        }
    }

    public void OnAsk() => Interlocked.Increment(ref _asks);

    public void OnGranted(long tokens) => Interlocked.Add(ref _granted, tokens);

    public void OnReturned(long tokens) => Interlocked.Add(ref _returned, tokens);

    public void OnFailedAsk() => Interlocked.Increment(ref _failedAsks);
}
