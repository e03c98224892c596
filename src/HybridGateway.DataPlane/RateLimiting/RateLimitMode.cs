namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>How a rate-limiting instance is counting right now, as /status shows it.</summary>
public static class RateLimitMode
{
    /// <summary>Cluster counters reached: the limit holds exactly across every node.</summary>
    public const string Exact = "exact";

    /// <summary>The local policy: each node counts on its own, as Kong's.</summary>
    public const string Local = "local";

    /// <summary>Counters out of reach, fault_tolerant with fallback allow: every request is admitted.</summary>
    public const string FallbackAllow = "fallback_allow";

    /// <summary>Counters out of reach, fault_tolerant with fallback local_share: the node counts to its share.</summary>
    public const string FallbackLocalShare = "fallback_local_share";

    /// <summary>Counters out of reach and not fault_tolerant: requests get 500, as Kong's.</summary>
    public const string FallbackDeny = "fallback_deny";
}
