using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Runtime;

namespace HybridGateway.DataPlane.Pipeline.Logging;

/// <summary>Every few seconds, stops the queues of log plugin instances the served config no longer has; at shutdown, sends what every queue holds.</summary>
public sealed class LogPluginSweeper(PluginRuntimes runtimes, RuntimeHolder holder, LogFiles files, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var runtime in runtimes.LogRuntimes)
        {
            foreach (var (_, queue) in runtime.Queues)
            {
                await queue.DisposeAsync();
            }
        }
        files.Dispose();
    }

    public void SweepOnce()
    {
        if (holder.Current is not { } config)
        {
            return;
        }
        foreach (var runtime in runtimes.LogRuntimes)
        {
            var live = new HashSet<Guid>();
            foreach (var plugin in config.State.All<Plugin>())
            {
                if (plugin.Name == runtime.Name && plugin.Enabled)
                {
                    live.Add(plugin.Id);
                }
            }
            runtime.Retain(live);
        }
    }
}
