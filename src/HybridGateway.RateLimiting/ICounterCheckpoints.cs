namespace HybridGateway.RateLimiting;

/// <summary>
/// Where counters of long windows (an hour and more) keep their count, so that an idle counter
/// that was deactivated, or one whose replica died, resumes from it instead of from zero.
/// </summary>
public interface ICounterCheckpoints
{
    Task<(long PeriodStartUnixMs, long Count)?> ReadAsync(string counter, CancellationToken cancellation);

    Task WriteAsync(string counter, long periodStartUnixMs, long count, CancellationToken cancellation);
}
