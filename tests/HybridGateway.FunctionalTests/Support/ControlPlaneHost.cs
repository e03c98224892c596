using System.Net.Http.Headers;
using HybridGateway.ControlPlane.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>A control plane running in this process on real sockets (random loopback ports) and a real database.</summary>
public sealed class ControlPlaneHost : IAsyncDisposable
{
    public const string Token = "functional-test-admin-token-0123456789";

    private ControlPlaneHost(WebApplication app, Uri admin, Uri cluster)
    {
        App = app;
        AdminUri = admin;
        ClusterUri = cluster;
    }

    public WebApplication App { get; }

    public Uri AdminUri { get; }

    public Uri ClusterUri { get; }

    public static async Task<ControlPlaneHost> StartAsync(string connectionString, IDictionary<string, string?>? settings = null)
    {
        var app = ControlPlaneApp.Build([], builder =>
        {
            var values = new Dictionary<string, string?>
            {
                ["ControlPlane:ConnectionString"] = connectionString,
                ["ControlPlane:AdminListen"] = "127.0.0.1:0",
                ["ControlPlane:ClusterListen"] = "127.0.0.1:0",
                ["ControlPlane:AdminGrpcListen"] = "127.0.0.1:0",
                ["ControlPlane:BootstrapAdminToken"] = Token,
                ["ControlPlane:AllowInsecureCluster"] = "true",
                ["ControlPlane:Counters:SiloListen"] = "127.0.0.1:0",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Marten"] = "Warning",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }
            builder.Configuration.AddInMemoryCollection(values);
        });
        await app.Services.GetRequiredService<ControlPlaneStartup>().RunAsync(CancellationToken.None);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();
        return new ControlPlaneHost(app, new Uri(addresses[0]), new Uri(addresses[1]));
    }

    /// <summary>An Admin API client that sends the token.</summary>
    public HttpClient Admin(string? token = Token)
    {
        var client = new HttpClient { BaseAddress = AdminUri, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
