namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>What one rate-limiting instance did: requests admitted and limited, and how it counts now.</summary>
public sealed class RateLimitInstanceStats(Guid pluginId, string policy)
{
    private long _admitted;
    private long _limited;
    private long _fallbacks;

    public Guid PluginId { get; } = pluginId;

    public string Policy { get; set; } = policy;

    public string Mode { get; set; } = policy == RateLimitMode.Local ? RateLimitMode.Local : RateLimitMode.Exact;

    public long Admitted => Interlocked.Read(ref _admitted);

    public long Limited => Interlocked.Read(ref _limited);

    /// <summary>Requests decided by the fallback while the counters were out of reach.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    public void OnAdmitted() => Interlocked.Increment(ref _admitted);

    public void OnLimited() => Interlocked.Increment(ref _limited);

    public void OnFallback() => Interlocked.Increment(ref _fallbacks);
}
