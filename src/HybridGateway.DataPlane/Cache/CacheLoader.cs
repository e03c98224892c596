using HybridGateway.DataPlane.Sync;

namespace HybridGateway.DataPlane.Cache;

/// <summary>
/// At start, before the listeners open: serve the cached config if it checks out. A cache that
/// does not (truncated, corrupt, invalid) is logged, moved aside and ignored; the node then waits
/// for the control plane and is not ready. It never serves half a config and never crashes on one.
/// </summary>
public sealed partial class CacheLoader(LastGoodConfigCache cache, ConfigApplier applier, ILogger<CacheLoader> logger)
{
    public bool Load()
    {
        var (snapshot, problem) = cache.TryRead();
        if (snapshot is null)
        {
            if (problem is null)
            {
                LogNoCache(logger, cache.Path);
                return false;
            }
            LogRefused(logger, cache.Path, problem, cache.Quarantine());
            return false;
        }
        var outcome = applier.ApplySnapshot(snapshot, "cache");
        if (outcome.Applied is { } config)
        {
            LogLoaded(logger, config.Version, config.Hash, cache.Path);
            return true;
        }
        var reason = outcome.Rejection is { } rejection ? rejection.Code + ": " + rejection.Message : outcome.ResyncReason;
        LogRefused(logger, cache.Path, reason ?? "unusable", cache.Quarantine());
        return false;
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Serving config version {Version} (hash {Hash}) from the cache {Path}")]
    private static partial void LogLoaded(ILogger logger, long version, string hash, string path);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "Refused the config cache {Path}: {Problem}. Moved to {Quarantine}; waiting for the control plane")]
    private static partial void LogRefused(ILogger logger, string path, string problem, string? quarantine);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "No config cache at {Path}; waiting for the control plane")]
    private static partial void LogNoCache(ILogger logger, string path);
}
