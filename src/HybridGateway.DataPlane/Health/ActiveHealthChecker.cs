using System.Collections.Concurrent;
using System.Diagnostics;
using HybridGateway.DataPlane.LoadBalancing;
using HybridGateway.DataPlane.Runtime;

namespace HybridGateway.DataPlane.Health;

/// <summary>
/// Probes the targets of every upstream with active checks in the config being served: healthy
/// targets every <c>healthy.interval</c> seconds, unhealthy ones every <c>unhealthy.interval</c>
/// (0: not probed in that state), at most <c>concurrency</c> probes at once per upstream (a
/// finished probe starts the next due one, so slots do not wait for the timer).
/// </summary>
public sealed partial class ActiveHealthChecker(RuntimeHolder holder, ILogger<ActiveHealthChecker> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly HealthProbe _probe = new();
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);

    public override void Dispose()
    {
        _probe.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (holder.Current is { } config)
                {
                    foreach (var balancer in config.Upstreams.Values)
                    {
                        if (balancer.Health.ActiveEnabled)
                        {
                            StartDueProbes(balancer, stoppingToken);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private void StartDueProbes(UpstreamBalancer balancer, CancellationToken stopping)
    {
        var check = balancer.Health.Checks.Active;
        var now = Stopwatch.GetTimestamp();
        foreach (var target in balancer.Targets)
        {
            var state = target.State;
            var interval = state.Health.Healthy ? check.Healthy.Interval : check.Unhealthy.Interval;
            if (interval <= 0 || now < state.NextProbe || Volatile.Read(ref state.Probing) == 1)
            {
                continue;
            }
            if (_running.GetValueOrDefault(state.Upstream) >= check.Concurrency)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref state.Probing, 1, 0) != 0)
            {
                continue; // a finishing probe's own pass took it first
            }
            state.NextProbe = now + (long)(interval * Stopwatch.Frequency);
            _running.AddOrUpdate(state.Upstream, 1, (_, n) => n + 1);
            _ = ProbeAsync(balancer, target, stopping);
        }
    }

    private async Task ProbeAsync(UpstreamBalancer balancer, BalancedTarget target, CancellationToken stopping)
    {
        // Never run on the caller's stack: a probe that ends at once would otherwise start the next one inside it.
        await Task.Yield();
        try
        {
            var report = await _probe.SendAsync(balancer.Health.Checks.Active, balancer.Health, target.State, stopping);
            balancer.ReportActive(target, report);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogProbeFailed(logger, target.State.Address, e.Message);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        finally
        {
            _running.AddOrUpdate(target.State.Upstream, 0, (_, n) => n - 1);
            Volatile.Write(ref target.State.Probing, 0);
        }
        // A freed slot goes to the next due target at once, not at the next tick: with many targets
        // and few slots, probes keep their intervals.
        if (!stopping.IsCancellationRequested && holder.Current?.Upstreams.ContainsKey(target.State.Upstream) == true)
        {
            StartDueProbes(balancer, stopping);
        }
    }

    [LoggerMessage(EventId = 5503, Level = LogLevel.Warning, Message = "Health probe of {Target} could not be sent: {Reason}")]
    private static partial void LogProbeFailed(ILogger logger, string target, string reason);
}
