using HybridGateway.ControlPlane.Hosting;
using HybridGateway.RateLimiting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HybridGateway.ControlPlane.Counters;

/// <summary>The counts of long-window counters, one row per counter, in the control plane's database.</summary>
public sealed class PostgresCounterCheckpoints(IOptions<ControlPlaneOptions> options) : ICounterCheckpoints, IAsyncDisposable
{
    public const string Table = """
        create table if not exists hgw_rate_limit_counters (
            counter text primary key,
            period_start_unix_ms bigint not null,
            count bigint not null,
            written_at timestamptz not null default now()
        )
        """;

    private readonly NpgsqlDataSource _database = NpgsqlDataSource.Create(options.Value.ConnectionString);

    public async Task<(long PeriodStartUnixMs, long Count)?> ReadAsync(string counter, CancellationToken cancellation)
    {
        await using var command = _database.CreateCommand("select period_start_unix_ms, count from hgw_rate_limit_counters where counter = @counter");
        command.Parameters.AddWithValue("counter", counter);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    public async Task WriteAsync(string counter, long periodStartUnixMs, long count, CancellationToken cancellation)
    {
        await using var command = _database.CreateCommand("""
            insert into hgw_rate_limit_counters (counter, period_start_unix_ms, count, written_at) values (@counter, @start, @count, now())
            on conflict (counter) do update set period_start_unix_ms = excluded.period_start_unix_ms, count = excluded.count, written_at = now()
            """);
        command.Parameters.AddWithValue("counter", counter);
        command.Parameters.AddWithValue("start", periodStartUnixMs);
        command.Parameters.AddWithValue("count", count);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Creates the table; rows of periods that ended long ago are deleted.</summary>
    public async Task EnsureAsync(CancellationToken cancellation)
    {
        await using (var create = _database.CreateCommand(Table))
        {
            try
            {
                await create.ExecuteNonQueryAsync(cancellation);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Another replica created it at the same moment.
            }
        }
        await using var prune = _database.CreateCommand("delete from hgw_rate_limit_counters where written_at < now() - interval '400 days'");
        await prune.ExecuteNonQueryAsync(cancellation);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
