using System.Globalization;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>
/// The demo upstream as a process of its own on a fixed loopback port: told to fail or hang
/// through its /_demo/fault endpoint, killed, and started again on the same port.
/// </summary>
public sealed class DemoUpstreamProcess : IAsyncDisposable
{
    private static readonly HttpClient Control = new() { Timeout = TimeSpan.FromSeconds(10) };
    private GatewayProcess? _process;

    private DemoUpstreamProcess(string name, int port)
    {
        Name = name;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>"127.0.0.1:port", as a target.</summary>
    public string Address => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public static async Task<DemoUpstreamProcess> StartAsync(string name)
    {
        var upstream = new DemoUpstreamProcess(name, FreePort.Next());
        await upstream.StartAsync();
        return upstream;
    }

    public async Task StartAsync()
    {
        _process = GatewayProcess.Start(Name, "HybridGateway.DemoUpstream", new Dictionary<string, string>
        {
            ["HGW_DEMO_LISTEN"] = Address,
            ["HGW_DEMO_NAME"] = Name,
        });
        await Eventually.True(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(Name + " exited:\n" + _process.Output);
            }
            using var socket = new TcpClient();
            try
            {
                await socket.ConnectAsync("127.0.0.1", Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, Name + " to listen", TimeSpan.FromSeconds(60));
    }

    /// <summary>"500" (or any status), "hang" or "off".</summary>
    public async Task FaultAsync(string fault)
    {
        using var response = await Control.PostAsync(new Uri("http://" + Address + "/_demo/fault/" + fault), null);
        response.EnsureSuccessStatusCode();
    }

    public void Kill() => _process?.Kill();

    /// <summary>The server name in an echo answer.</summary>
    public static string? ServerOf(string body) => JsonNode.Parse(body)?["server"]?.GetValue<string>();

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
