namespace HybridGateway.DataPlane.Pipeline.Logging;

/// <summary>How a <see cref="LogQueue"/> batches and retries: Kong's queue parameters, in seconds where Kong's are.</summary>
public sealed record LogQueueSettings
{
    public int MaxBatchSize { get; init; } = 1;

    public double MaxCoalescingDelay { get; init; } = 1;

    public int MaxEntries { get; init; } = 10_000;

    /// <summary>How long a batch is retried from its first attempt; -1 or 0: never retried.</summary>
    public double MaxRetryTime { get; init; } = 60;

    public double InitialRetryDelay { get; init; } = 0.01;

    public double MaxRetryDelay { get; init; } = 60;
}
