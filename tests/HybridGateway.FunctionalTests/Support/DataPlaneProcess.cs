using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>A data-plane node as a real process, with its own cache directory and fixed loopback ports.</summary>
public sealed class DataPlaneProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;

    private DataPlaneProcess(string nodeId, Dictionary<string, string> environment, int proxyPort, int proxySslPort, int statusPort, string cacheDirectory)
    {
        NodeId = nodeId;
        _environment = environment;
        ProxyPort = proxyPort;
        ProxySslPort = proxySslPort;
        StatusPort = statusPort;
        CacheDirectory = cacheDirectory;
        Proxy = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri("http://127.0.0.1:" + proxyPort),
            Timeout = TimeSpan.FromSeconds(60),
        };
        Status = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + statusPort), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string NodeId { get; }

    public int ProxyPort { get; }

    /// <summary>The HTTPS proxy listener (Kong's 8443).</summary>
    public int ProxySslPort { get; }

    public int StatusPort { get; }

    public string CacheDirectory { get; }

    public HttpClient Proxy { get; }

    public HttpClient Status { get; }

    public GatewayProcess? Process { get; private set; }

    public static async Task<DataPlaneProcess> StartAsync(string controlPlaneUrl, string nodeId, IDictionary<string, string>? settings = null, string? cacheDirectory = null)
    {
        var proxyPort = FreePort.Next();
        var proxySslPort = FreePort.Next();
        var statusPort = FreePort.Next();
        cacheDirectory ??= Directory.CreateTempSubdirectory("hgw-dp-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["HGW_DataPlane__ControlPlane"] = controlPlaneUrl,
            ["HGW_DataPlane__NodeId"] = nodeId,
            ["HGW_DataPlane__CacheDirectory"] = cacheDirectory,
            ["HGW_DataPlane__ProxyListen"] = "127.0.0.1:" + proxyPort.ToString(CultureInfo.InvariantCulture),
            ["HGW_DataPlane__ProxySslListen"] = "127.0.0.1:" + proxySslPort.ToString(CultureInfo.InvariantCulture),
            ["HGW_DataPlane__StatusListen"] = "127.0.0.1:" + statusPort.ToString(CultureInfo.InvariantCulture),
            ["HGW_DataPlane__ReconnectMinDelayMs"] = "100",
            ["HGW_DataPlane__ReconnectMaxDelayMs"] = "1000",
            ["HGW_DataPlane__HeartbeatIntervalMs"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        var node = new DataPlaneProcess(nodeId, environment, proxyPort, proxySslPort, statusPort, cacheDirectory);
        await node.StartAsync();
        return node;
    }

    public async Task StartAsync()
    {
        Process = GatewayProcess.Start(NodeId, "HybridGateway.DataPlane", _environment);
        await Eventually.True(async () =>
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException(NodeId + " exited:\n" + Process.Output);
            }
            return (await Status.GetAsync("/status")).StatusCode == HttpStatusCode.OK;
        }, NodeId + " to answer on its status port", TimeSpan.FromSeconds(60), () => Process.Output);
    }

    public async Task<JsonObject> StatusAsync() => JsonNode.Parse(await Status.GetStringAsync("/status"))!.AsObject();

    public async Task<long> ServedVersionAsync() => (await StatusAsync())["config"]?["version"]?.GetValue<long>() ?? 0;

    public Task<long> WaitForVersionAsync(long version, TimeSpan? timeout = null) =>
        Eventually.Get(ServedVersionAsync, served => served >= version, NodeId + " to serve version " + version, timeout, () => Process?.Output ?? "");

    public void Kill() => Process?.Kill();

    public async Task StopAsync()
    {
        if (Process is not null)
        {
            await Process.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Proxy.Dispose();
        Status.Dispose();
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }
        try
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
