using Npgsql;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>
/// The PostgreSQL server the tests run against, from HGW_TEST_PG (./gateway.sh test starts one and
/// sets it). Each test class gets a database of its own, dropped afterwards.
/// </summary>
public static class TestPostgres
{
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("HGW_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("HGW_TEST_PG is not set: run the tests with ./gateway.sh test, which starts PostgreSQL for them");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "hgw_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("create database " + name, connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        // Only this database's pool: clearing every pool would also close connections of the
        // control planes other tests are still running.
        await using (var own = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(own);
        }
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("drop database if exists " + name + " with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
