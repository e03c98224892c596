using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>
/// The independent gRPC Admin API client (Node.js, @grpc/grpc-js, loading only admin.proto):
/// a batch of calls, or a watch whose events arrive as lines.
/// </summary>
public static class AdminGrpcJsClient
{
    public static string Directory => Path.Combine(RepoPaths.Root, "tests", "node-sync-client");

    private static string Proto => Path.Combine(RepoPaths.Root, "protos", "hybridgateway", "admin", "v1", "admin.proto");

    /// <summary>Runs the calls in order; one result per call: {"ok": true, "response"} or {"ok": false, "code", "message", "details_b64"}.</summary>
    public static async Task<IReadOnlyList<JsonObject>> BatchAsync(int port, string? token, params (string Method, object Request)[] calls)
    {
        Assert.True(System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@grpc", "grpc-js")), "run 'npm ci' in tests/node-sync-client first (./gateway.sh test does)");
        using var process = Process.Start(Start(port, token, "batch"))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(calls.Select(c => new { method = c.Method, request = c.Request })));
        process.StandardInput.Close();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        Assert.True(process.ExitCode == 0, "the Node.js admin client failed: " + await stderr + await stdout);
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == calls.Length, "expected " + calls.Length + " results, got:\n" + await stdout + await stderr);
        return lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
    }

    public static Process StartWatch(int port, string? token, object request)
    {
        var info = Start(port, token, "watch");
        info.ArgumentList.Add(JsonSerializer.Serialize(request));
        return Process.Start(info)!;
    }

    /// <summary>The google.rpc.Status a failure carried.</summary>
    public static Google.Rpc.Status Details(JsonObject failure) =>
        Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(failure["details_b64"]!.GetValue<string>()));

    private static ProcessStartInfo Start(int port, string? token, string mode) => new("node", [Path.Combine(Directory, "admin-client.mjs"), "127.0.0.1:" + port, Proto, token ?? "", mode])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        RedirectStandardInput = true,
        WorkingDirectory = Directory,
    };
}
