using HybridGateway.ControlPlane.AdminAuth;
using HybridGateway.ControlPlane.Store;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HybridGateway.ControlPlane.Hosting;

/// <summary>
/// Runs before the listeners open: creates the database when missing, creates the schema (the
/// config store's, the counters' and, with PostgreSQL membership, Orleans'), makes
/// sure an admin token exists (showing a generated one once), and loads the current config.
/// </summary>
public sealed partial class ControlPlaneStartup(
    IOptions<ControlPlaneOptions> options,
    IDocumentStore documents,
    AdminTokenStore tokens,
    ConfigStore store,
    Counters.PostgresCounterCheckpoints checkpoints,
    ILogger<ControlPlaneStartup> logger)
{
    public async Task RunAsync(CancellationToken cancellation)
    {
        await EnsureDatabaseAsync(options.Value.ConnectionString, cancellation);
        await documents.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        if (options.Value.Counters.Membership == Counters.CountersOptions.PostgresMembership)
        {
            await Counters.OrleansMembershipSchema.EnsureAsync(options.Value.ConnectionString, cancellation);
        }
        await checkpoints.EnsureAsync(cancellation);
        var generated = await tokens.EnsureBootstrapAsync(options.Value.BootstrapAdminToken, cancellation);
        if (generated is not null)
        {
            // Shown once, on the console only: it is never logged and only its hash is stored.
            await Console.Out.WriteLineAsync("Admin API token (shown once, store it now): " + generated);
        }
        var state = await store.GetCurrentAsync(cancellation);
        LogLoaded(logger, state.Version, state.TotalCount, state.Hash.ToString());
    }

    private static async Task EnsureDatabaseAsync(string connectionString, CancellationToken cancellation)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database ?? "postgres";
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellation);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellation) is null)
        {
            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand("create database " + quoted, connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellation);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another replica created it first.
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Config loaded: version {Version}, {Entities} entities, hash {Hash}")]
    private static partial void LogLoaded(ILogger logger, long version, int entities, string hash);
}
