using HybridGateway.DataPlane.Hosting;

namespace HybridGateway.DataPlane.Sync;

/// <summary>Jitter: a random delay between the minimum and an exponentially growing cap, so a fleet does not reconnect in step.</summary>
public static class ReconnectBackoff
{
    public static TimeSpan Delay(DataPlaneOptions options, int failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        var min = options.ReconnectMinDelayMs;
        var cap = Math.Min(options.ReconnectMaxDelayMs, min * Math.Pow(2, Math.Min(failures, 20)));
        return TimeSpan.FromMilliseconds(min + Random.Shared.NextDouble() * (cap - min));
    }
}
