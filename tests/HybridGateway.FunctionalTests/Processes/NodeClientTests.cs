using System.Diagnostics;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>An independent client (Node.js, @grpc/grpc-js, written from the .proto alone) syncs from the control plane.</summary>
[Collection(ProcessCollection.Name)]
public sealed class NodeClientTests
{
    [Fact]
    public async Task GrpcJsClient_HelloSnapshotAck_AndTheControlPlaneRecordsIt()
    {
        var clientDirectory = Path.Combine(RepoPaths.Root, "tests", "node-sync-client");
        Assert.True(Directory.Exists(Path.Combine(clientDirectory, "node_modules", "@grpc", "grpc-js")),
            "run 'npm ci' in tests/node-sync-client first (./gateway.sh test does)");
        await using var hybrid = await HybridFixture.StartAsync();
        await hybrid.AddEchoRouteAsync("for-js", "/for-js");
        var version = await hybrid.AddEchoRouteAsync("for-js-2", "/for-js-2");

        var info = new ProcessStartInfo("node",
        [
            Path.Combine(clientDirectory, "sync-client.mjs"),
            "127.0.0.1:" + hybrid.ControlPlane.ClusterPort,
            Path.Combine(RepoPaths.Root, "protos", "hybridgateway", "sync", "v1", "sync.proto"),
            "node-js",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = clientDirectory,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        Assert.True(process.ExitCode == 0, "node client failed: " + await stderr + await stdout);

        var result = JsonNode.Parse((await stdout).Trim().Split('\n')[^1])!;
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), result["version"]!.GetValue<string>());
        Assert.Equal(2, result["kinds"]!["services"]!.GetValue<int>());
        Assert.Equal(2, result["kinds"]!["routes"]!.GetValue<int>());

        var status = await Eventually.Get(() => hybrid.NodeStatusAsync("node-js"), n => n["applied_version"]!.GetValue<long>() == version, "the ACK to be recorded");
        Assert.Equal(result["hash"]!.GetValue<string>(), status["config_hash"]!.GetValue<string>());
        Assert.Equal("js-land", status["labels"]!["region"]!.GetValue<string>());
        Assert.Equal("node-js-client", status["hostname"]!.GetValue<string>());
    }
}
