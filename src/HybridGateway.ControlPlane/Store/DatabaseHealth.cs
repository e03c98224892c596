using HybridGateway.ControlPlane.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HybridGateway.ControlPlane.Store;

/// <summary>
/// Whether PostgreSQL answers, known within about a second: a probe (a fresh connection and
/// <c>select 1</c>, each bounded by <c>DatabaseProbeTimeoutMs</c>) every <c>DatabaseProbeIntervalMs</c>.
/// When the database stops answering (down, or frozen), <see cref="Lost"/> is cancelled: requests
/// waiting on it are let go at once, and new ones are answered 503 without waiting.
/// </summary>
public sealed partial class DatabaseHealth(IOptions<ControlPlaneOptions> options, TimeProvider clock, ILogger<DatabaseHealth> logger) : BackgroundService
{
    private CancellationTokenSource _lost = new();
    private volatile bool _reachable = true;

    public bool Reachable => _reachable;

    public string? LastError { get; private set; }

    /// <summary>Cancelled when the database stops answering; a new token once it answers again.</summary>
    public CancellationToken Lost => Volatile.Read(ref _lost).Token;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var probe = ProbeConnectionString(options.Value);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.DatabaseProbeIntervalMs), clock);
        try
        {
            do
            {
                var error = await ProbeAsync(probe, stoppingToken);
                if (error is null && !_reachable)
                {
                    Volatile.Write(ref _lost, new CancellationTokenSource());
                    _reachable = true;
                    LastError = null;
                    LogBack(logger);
                }
                else if (error is not null && _reachable)
                {
                    _reachable = false;
                    LastError = error;
                    await Volatile.Read(ref _lost).CancelAsync();
                    LogLost(logger, error);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<string?> ProbeAsync(string connectionString, CancellationToken stoppingToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(options.Value.DatabaseProbeTimeoutMs));
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(deadline.Token);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(deadline.Token);
            return null;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return "PostgreSQL did not answer within " + options.Value.DatabaseProbeTimeoutMs + " ms";
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return "PostgreSQL is unreachable: " + e.Message;
        }
    }

    /// <summary>The probe's own connections: not pooled (a pooled connection to a frozen server would hide it), never waiting on a cancellation.</summary>
    private static string ProbeConnectionString(ControlPlaneOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = false,
            Timeout = Math.Max(1, options.DatabaseProbeTimeoutMs / 1000),
            CancellationTimeout = -1,
            ApplicationName = "hybridgateway-probe",
        };
        return builder.ConnectionString;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "The database stopped answering; Admin API calls that need it get 503 until it is back: {Reason}")]
    private static partial void LogLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "The database answers again")]
    private static partial void LogBack(ILogger logger);
}
