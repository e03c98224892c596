using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.RateLimiting;

/// <summary>
/// rate-limiting's config, with Kong's defaults. <c>cluster</c> counts in the control plane's
/// counters, leased to every data plane; <c>redis</c> is served the same way (the redis_* fields
/// are kept so Kong files round-trip, and ignored). <c>fallback</c> is ours: what a node does
/// while the counters are out of reach and <c>fault_tolerant</c> is true.
/// </summary>
public sealed record RateLimitingConfig
{
    public const string LocalPolicy = "local";
    public const string ClusterPolicy = "cluster";
    public const string RedisPolicy = "redis";
    public const string AllowFallback = "allow";
    public const string LocalShareFallback = "local_share";

    [Between(0, 1e15)]
    public double? Second { get; init; }

    [Between(0, 1e15)]
    public double? Minute { get; init; }

    [Between(0, 1e15)]
    public double? Hour { get; init; }

    [Between(0, 1e15)]
    public double? Day { get; init; }

    [Between(0, 1e15)]
    public double? Month { get; init; }

    [Between(0, 1e15)]
    public double? Year { get; init; }

    [OneOf("consumer", "credential", "ip", "service", "header", "path", "consumer-group")]
    public string LimitBy { get; init; } = "consumer";

    public string? HeaderName { get; init; }

    [StartsWith("/")]
    public string? Path { get; init; }

    [OneOf(LocalPolicy, ClusterPolicy, RedisPolicy)]
    public string Policy { get; init; } = LocalPolicy;

    public bool FaultTolerant { get; init; } = true;

    /// <summary>With fault_tolerant and the counters out of reach: admit everything, or count locally to the limit divided by the live node count.</summary>
    [OneOf(AllowFallback, LocalShareFallback)]
    public string Fallback { get; init; } = AllowFallback;

    public bool HideClientHeaders { get; init; }

    [Between(0, 1000)]
    public int ErrorCode { get; init; } = 429;

    public string ErrorMessage { get; init; } = "API rate limit exceeded";

    public double SyncRate { get; init; } = -1;

    public string? RedisHost { get; init; }

    [Between(0, 65535)]
    public int RedisPort { get; init; } = 6379;

    public string? RedisUsername { get; init; }

    public string? RedisPassword { get; init; }

    public bool RedisSsl { get; init; }

    public bool RedisSslVerify { get; init; }

    public string? RedisServerName { get; init; }

    public int RedisTimeout { get; init; } = 2000;

    public int RedisDatabase { get; init; }
}
