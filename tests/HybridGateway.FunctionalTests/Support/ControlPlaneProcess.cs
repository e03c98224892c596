using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>The control plane as a real process, on fixed loopback ports so a restart comes back at the same address.</summary>
public sealed class ControlPlaneProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;

    private ControlPlaneProcess(string name, Dictionary<string, string> environment, int adminPort, int clusterPort, int adminGrpcPort)
    {
        AdminGrpcPort = adminGrpcPort;
        Name = name;
        _environment = environment;
        AdminPort = adminPort;
        ClusterPort = clusterPort;
        Admin = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + adminPort), Timeout = TimeSpan.FromSeconds(60) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ControlPlaneHost.Token);
    }

    public string Name { get; }

    public int AdminPort { get; }

    public int ClusterPort { get; }

    /// <summary>The gRPC Admin API (h2c, loopback).</summary>
    public int AdminGrpcPort { get; }

    public string ClusterUrl => "http://127.0.0.1:" + ClusterPort.ToString(CultureInfo.InvariantCulture);

    public HttpClient Admin { get; }

    public GatewayProcess? Process { get; private set; }

    public static async Task<ControlPlaneProcess> StartAsync(string connectionString, string name = "control-plane", IDictionary<string, string>? settings = null)
    {
        var adminPort = FreePort.Next();
        var clusterPort = FreePort.Next();
        var adminGrpcPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["HGW_ControlPlane__ConnectionString"] = connectionString,
            ["HGW_ControlPlane__AdminListen"] = "127.0.0.1:" + adminPort.ToString(CultureInfo.InvariantCulture),
            ["HGW_ControlPlane__ClusterListen"] = "127.0.0.1:" + clusterPort.ToString(CultureInfo.InvariantCulture),
            ["HGW_ControlPlane__AdminGrpcListen"] = "127.0.0.1:" + adminGrpcPort.ToString(CultureInfo.InvariantCulture),
            ["HGW_ControlPlane__BootstrapAdminToken"] = ControlPlaneHost.Token,
            ["HGW_ControlPlane__AllowInsecureCluster"] = "true",
            ["HGW_ControlPlane__Counters__SiloListen"] = "127.0.0.1:0",
            ["HGW_ControlPlane__HeartbeatIntervalMs"] = "1000",
            ["HGW_ControlPlane__ReplicaPollIntervalMs"] = "1000",
            ["HGW_ControlPlane__NodeName"] = name,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        var controlPlane = new ControlPlaneProcess(name, environment, adminPort, clusterPort, adminGrpcPort);
        await controlPlane.StartAsync();
        return controlPlane;
    }

    public async Task StartAsync()
    {
        Process = GatewayProcess.Start(Name, "HybridGateway.ControlPlane", _environment);
        await Eventually.True(async () =>
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException(Name + " exited:\n" + Process.Output);
            }
            var response = await Admin.GetAsync("/status");
            return response.StatusCode == HttpStatusCode.OK;
        }, Name + " to answer on its Admin API", TimeSpan.FromSeconds(90), () => Process.Output);
    }

    /// <summary>Kills the process (SIGKILL, as a crash would).</summary>
    public void Kill() => Process?.Kill();

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }
    }
}
