using HybridGateway.ControlPlane.Hosting;
using HybridGateway.ControlPlane.Store;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>
/// Picks up versions written through other replicas: LISTEN on the channel every commit NOTIFYs,
/// with polling as a safety net for notifications lost while the connection was down.
/// </summary>
public sealed partial class ReplicaListener(ConfigStore store, Rollout.VersionHolds holds, AdminAuth.AdminTokenStore tokens, IOptions<ControlPlaneOptions> options, ILogger<ReplicaListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.ReplicaPollIntervalMs);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(options.Value.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand("LISTEN " + ConfigNotifications.Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                await store.GetCurrentAsync(stoppingToken);
                await holds.RefreshAsync(stoppingToken);
                await tokens.RefreshAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // Returns on a notification or when the poll interval passes; either way, catch up.
                    await connection.WaitAsync(poll, stoppingToken);
                    await store.GetCurrentAsync(stoppingToken);
                    await holds.RefreshAsync(stoppingToken);
                    // A token revoked through another replica is refused here from this point.
                    await tokens.RefreshAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenFailed(logger, e.GetBaseException().Message);
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    // One line, no stack trace: the database being away is an expected condition (the probe reports it too).
    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Listening for other replicas' versions failed ({Reason}); retrying")]
    private static partial void LogListenFailed(ILogger logger, string reason);
}
