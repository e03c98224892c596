using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.Logging;

/// <summary>Kong's queue record (shared by http-log and opentelemetry): batching, the bound, and retries. Seconds, as Kong's.</summary>
public sealed record QueueConfig
{
    [Between(1, 1_000_000)]
    public int MaxBatchSize { get; init; } = 1;

    [Between(0, 3600)]
    public double MaxCoalescingDelay { get; init; } = 1;

    [Between(1, 1_000_000)]
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Kong's bound for string entries; accepted and ignored (entries are bounded by count).</summary>
    public int? MaxBytes { get; init; }

    /// <summary>How long a batch is retried; -1: never.</summary>
    public double MaxRetryTime { get; init; } = 60;

    [Between(0.001, 1_000_000)]
    public double InitialRetryDelay { get; init; } = 0.01;

    [Between(0.001, 1_000_000)]
    public double MaxRetryDelay { get; init; } = 60;

    [OneOf(-1, 1)]
    public int ConcurrencyLimit { get; init; } = 1;
}
