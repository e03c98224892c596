using HybridGateway.ControlPlane.Hosting;
using HybridGateway.ControlPlane.Store;
using HybridGateway.ControlPlane.Sync;
using Marten;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.Rollout;

/// <summary>
/// Moves running rollouts on, every second, on every replica: stops one when a released node
/// refuses a version newer than its baseline, releases the next wave once every connected node of
/// the released waves has served the latest version for the rollout's wait, and completes it after
/// the last. Each step is a read and a write under optimistic concurrency, so replicas never undo
/// each other's steps.
/// </summary>
public sealed partial class RolloutAdvancer(IDocumentStore documents, VersionHolds holds, NodeRegistry registry, ConfigStore store,
    Store.DatabaseHealth database, IOptions<ControlPlaneOptions> options, TimeProvider clock, ILogger<RolloutAdvancer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (holds.Rollouts.Count == 0 || !database.Reachable)
                {
                    continue;
                }
                try
                {
                    await AdvanceAllAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogAdvanceFailed(logger, e.GetBaseException().Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task AdvanceAllAsync(CancellationToken cancellation)
    {
        var silence = TimeSpan.FromMilliseconds(3 * options.Value.HeartbeatIntervalMs);
        var now = clock.GetUtcNow();
        var nodes = (await registry.ListAsync(cancellation))
            .Where(n => n.SyncStatus is not (NodeSyncStatus.Disconnected or NodeSyncStatus.Refused) && now - n.LastSeen <= silence)
            .ToArray();
        var latest = (await store.GetCurrentAsync(cancellation)).Version;
        var changed = false;
        foreach (var running in holds.Rollouts.Where(r => r.Status == RolloutPlan.Active))
        {
            await using var session = documents.LightweightSession();
            if (await session.LoadAsync<RolloutPlan>(running.Id, cancellation) is not { Status: RolloutPlan.Active } rollout)
            {
                continue;
            }
            var next = RolloutSteps.Next(rollout, nodes, latest, now);
            if (next == rollout)
            {
                continue;
            }
            session.Store(next);
            session.QueueSqlCommand("select pg_notify('" + ConfigNotifications.Channel + "', 'rollouts')");
            try
            {
                await session.SaveChangesAsync(cancellation);
                changed = true;
                LogStep(logger, next.Id, next.Status, next.Released < next.Waves.Count ? next.Waves[next.Released].Name : "", next.StoppedReason ?? "");
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Another replica took this step first.
            }
        }
        if (changed)
        {
            await holds.RefreshAsync(cancellation);
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Rollout {Rollout}: {Status}, wave {Wave} released {Reason}")]
    private static partial void LogStep(ILogger logger, string rollout, string status, string wave, string reason);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Moving rollouts on failed ({Reason}); will retry")]
    private static partial void LogAdvanceFailed(ILogger logger, string reason);
}
