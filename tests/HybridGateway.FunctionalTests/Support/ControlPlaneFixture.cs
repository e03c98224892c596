namespace HybridGateway.FunctionalTests.Support;

/// <summary>One database and one control plane shared by the tests of a class.</summary>
public sealed class ControlPlaneFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public ControlPlaneHost Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        Host = await ControlPlaneHost.StartAsync(ConnectionString);
        Admin = Host.Admin();
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }
}
