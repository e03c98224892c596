using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Pipeline.RateLimiting;
using HybridGateway.DataPlane.Runtime;

namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>
/// Once a second: gives back the tokens of keys that went quiet (so other nodes can spend them),
/// forgets idle keys (memory follows the live keys), and drops instances the config no longer has.
/// </summary>
public sealed class RateLimitSweeper(RateLimitingRuntime runtime, RuntimeHolder holder, TimeProvider clock) : BackgroundService
{
    /// <summary>A key unused this long gives its unspent tokens back.</summary>
    public static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                SweepOnce();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public void SweepOnce()
    {
        var now = clock.GetTimestamp();
        var frequency = clock.TimestampFrequency;
        var quietSince = now - (long)(QuietAfter.TotalSeconds * frequency);
        var idleSince = now - (long)(IdleAfter.TotalSeconds * frequency);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var handler in runtime.Handlers)
        {
            handler.Sweep(quietSince, idleSince, nowMs);
        }
        if (holder.Current is { } config)
        {
            var live = new HashSet<Guid>();
            foreach (var plugin in config.State.All<Plugin>())
            {
                if (plugin.Name == "rate-limiting")
                {
                    live.Add(plugin.Id);
                }
            }
            runtime.Retain(live);
        }
    }
}
