namespace HybridGateway.FunctionalTests.Support;

/// <summary>A control plane with an empty database of its own, for tests that need a clean store.</summary>
public sealed class IsolatedControlPlane : IAsyncDisposable
{
    private IsolatedControlPlane(string connectionString, ControlPlaneHost host)
    {
        ConnectionString = connectionString;
        Host = host;
        Admin = host.Admin();
    }

    public string ConnectionString { get; }

    public ControlPlaneHost Host { get; private set; }

    public HttpClient Admin { get; private set; }

    public static async Task<IsolatedControlPlane> StartAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        return new IsolatedControlPlane(connectionString, await ControlPlaneHost.StartAsync(connectionString));
    }

    /// <summary>Stops the control plane and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        Host = await ControlPlaneHost.StartAsync(ConnectionString);
        Admin = Host.Admin();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }
}
