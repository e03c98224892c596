using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>A database, a control-plane process and an echo upstream, for one test.</summary>
public sealed class HybridFixture : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private HybridFixture(string connectionString, ControlPlaneProcess controlPlane, EchoUpstream upstream)
    {
        ConnectionString = connectionString;
        ControlPlane = controlPlane;
        Upstream = upstream;
    }

    public string ConnectionString { get; }

    public ControlPlaneProcess ControlPlane { get; }

    public EchoUpstream Upstream { get; }

    public HttpClient Admin => ControlPlane.Admin;

    public static async Task<HybridFixture> StartAsync(IDictionary<string, string>? controlPlaneSettings = null)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var controlPlane = await ControlPlaneProcess.StartAsync(connectionString, "cp-a", controlPlaneSettings);
        var upstream = await EchoUpstream.StartAsync("echo");
        return new HybridFixture(connectionString, controlPlane, upstream);
    }

    /// <summary>Another control-plane replica on the same database.</summary>
    public async Task<ControlPlaneProcess> StartReplicaAsync(string name, IDictionary<string, string>? settings = null)
    {
        var replica = await ControlPlaneProcess.StartAsync(ConnectionString, name, settings);
        _owned.Add(replica);
        return replica;
    }

    public async Task<DataPlaneProcess> StartNodeAsync(string nodeId, ControlPlaneProcess? controlPlane = null, IDictionary<string, string>? settings = null)
    {
        var node = await DataPlaneProcess.StartAsync((controlPlane ?? ControlPlane).ClusterUrl, nodeId, settings);
        _owned.Add(node);
        return node;
    }

    public async Task<EchoUpstream> StartUpstreamAsync(string name)
    {
        var upstream = await EchoUpstream.StartAsync(name);
        _owned.Add(upstream);
        return upstream;
    }

    /// <summary>Creates a service pointing at the echo upstream and a route to it; returns the new version.</summary>
    public async Task<long> AddEchoRouteAsync(string name, string path, object? routeFields = null, string? servicePath = null)
    {
        var service = await Admin.PostJson("/services", new { name, url = Upstream.Url + (servicePath ?? "") });
        Assert.Equal(HttpStatusCode.Created, service.Status);
        var route = await Admin.PostJson("/services/" + name + "/routes", routeFields ?? new { name, paths = new[] { path } });
        Assert.Equal(HttpStatusCode.Created, route.Status);
        return route.ConfigVersion!.Value;
    }

    public async Task<System.Text.Json.Nodes.JsonObject> NodeStatusAsync(string nodeId)
    {
        var list = await Admin.GetJson("/clustering/data-planes");
        return list.Object["data"]!.AsArray().Select(n => n!.AsObject()).Single(n => n["id"]!.GetValue<string>() == nodeId);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
        await ControlPlane.DisposeAsync();
        await Upstream.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }
}
