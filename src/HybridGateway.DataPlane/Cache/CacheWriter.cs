using HybridGateway.Contracts.Sync.V1;
using HybridGateway.DataPlane.Runtime;
using HybridGateway.Sync;

namespace HybridGateway.DataPlane.Cache;

/// <summary>
/// Writes applied configs to the cache off the request and sync paths. Only the newest matters:
/// configs that arrive while a write is running are coalesced into the next write.
/// </summary>
public sealed partial class CacheWriter(LastGoodConfigCache cache, ILogger<CacheWriter> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);
    private volatile RuntimeConfig? _pending;
    private long _written = -1;
    private long _writes;
    private long _failures;

    /// <summary>The version last written to disk (-1: none).</summary>
    public long WrittenVersion => Interlocked.Read(ref _written);

    /// <summary>Configs written to the cache since start.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Cache writes that failed (the previous cache stayed).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public void Schedule(RuntimeConfig config)
    {
        _pending = config;
        _signal.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(stoppingToken);
                WritePending();
            }
        }
        catch (OperationCanceledException)
        {
            WritePending(); // a config applied just before shutdown still reaches the disk
        }
    }

    private void WritePending()
    {
        var config = Interlocked.Exchange(ref _pending, null);
        if (config is null || config.Version == WrittenVersion)
        {
            return;
        }
        try
        {
            var snapshot = new Snapshot { Nonce = "cache", Version = (ulong)config.Version, Hash = config.Hash, ChunkIndex = 0, ChunkCount = 1 };
            snapshot.Resources.AddRange(ResourceCodec.ToResources(config.State));
            cache.Write(snapshot);
            Interlocked.Exchange(ref _written, config.Version);
            Interlocked.Increment(ref _writes);
            LogWritten(logger, config.Version, cache.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _failures);
            LogFailed(logger, config.Version, e);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Cached config version {Version} at {Path}")]
    private static partial void LogWritten(ILogger logger, long version, string path);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Could not cache config version {Version}; the previous cache stays")]
    private static partial void LogFailed(ILogger logger, long version, Exception exception);
}
