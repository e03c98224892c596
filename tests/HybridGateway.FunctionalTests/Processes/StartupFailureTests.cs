using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>
/// A host that cannot start (its port taken by another program) ends with exit code 1 and one
/// line naming the address and the reason, not an abort with "Unhandled exception".
/// </summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task DataPlane_ProxyPortTaken_ExitsWithOneLineNamingThePort()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var cache = Directory.CreateTempSubdirectory("hgw-dp-").FullName;
        await using var node = GatewayProcess.Start("dp-port-taken", "HybridGateway.DataPlane", new Dictionary<string, string>
        {
            ["HGW_DataPlane__ControlPlane"] = "http://127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["HGW_DataPlane__NodeId"] = "dp-port-taken",
            ["HGW_DataPlane__CacheDirectory"] = cache,
            ["HGW_DataPlane__ProxyListen"] = "127.0.0.1:" + port,
            ["HGW_DataPlane__ProxySslListen"] = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["HGW_DataPlane__StatusListen"] = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture),
        });
        var exitCode = await node.ExitCodeWithinAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 1, "exit code " + exitCode + ":\n" + node.Output);
        var line = Assert.Single(node.Output.Split('\n'), l => l.StartsWith("error: the data plane stopped:", StringComparison.Ordinal));
        Assert.Contains("127.0.0.1:" + port, line, StringComparison.Ordinal);
        Assert.Contains("address already in use", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Unhandled exception", node.Output, StringComparison.Ordinal);
        Directory.Delete(cache, recursive: true);
    }
}
