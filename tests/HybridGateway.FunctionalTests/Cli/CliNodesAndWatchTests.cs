using System.Globalization;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>hgw nodes and hgw watch with a real data plane: its region, version, lag and NACK; live versions and node events.</summary>
[Collection(ProcessCollection.Name)]
public sealed class CliNodesAndWatchTests
{
    [Fact]
    public async Task Nodes_ShowsARealNode_WithItsRegion_Version_AndLastNack()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var node = await hybrid.StartNodeAsync("cli-node", settings: new Dictionary<string, string> { ["HGW_DataPlane__Labels__region"] = "eu-west" });
        var version = await hybrid.AddEchoRouteAsync("nodes", "/nodes");
        await node.WaitForVersionAsync(version);

        var listed = await Eventually.Get(() => workspace.Hgw.RunAsync("nodes", "--output", "json"),
            r => r.ExitCode == 0 && r.Json["data"]!.AsArray().Any(n => n!["id"]!.GetValue<string>() == "cli-node" && CliJson.Long(n["applied_version"]) == version),
            "hgw nodes to show cli-node at version " + version);
        var entry = listed.Json["data"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "cli-node")!;
        Assert.Equal("eu-west", entry["labels"]!["region"]!.GetValue<string>());
        Assert.Equal("in_sync", entry["sync_status"]!.GetValue<string>());

        // The node has no gRPC health prober: it NACKs this version.
        var rejected = (await hybrid.Admin.PostJson("/upstreams", new { name = "pool.internal", healthchecks = new { active = new { type = "grpc", healthy = new { interval = 5 } } } })).ConfigVersion!.Value;
        var expected = "unsupported_feature v" + rejected.ToString(CultureInfo.InvariantCulture);
        var table = await Eventually.Get(() => workspace.Hgw.RunAsync("nodes"), r => r.Stdout.Contains(expected, StringComparison.Ordinal), "hgw nodes to show the NACK");
        var row = table.Stdout.Split('\n').Single(l => l.StartsWith("cli-node", StringComparison.Ordinal));
        Assert.Contains("eu-west", row);
        Assert.Contains(" " + version.ToString(CultureInfo.InvariantCulture) + " ", row);
        Assert.Contains("nack", row);
        Assert.Contains("LAST NACK", table.Stdout);
    }

    [Fact]
    public async Task Watch_PrintsARestWrite_AndANodeConnecting_OneJsonObjectALine()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var from = await hybrid.Admin.ConfigVersionAsync();
        using var watch = new CliLines(workspace.Hgw.Start("watch", "--from", from.ToString(CultureInfo.InvariantCulture), "--output", "json"));

        var version = await hybrid.AddEchoRouteAsync("watched", "/watched");
        var seen = await watch.NextAsync(l => Event(l)["config"] is { } c && CliJson.Long(c["version"]) == version, "version " + version);
        var config = Event(seen)["config"]!;
        Assert.Equal("token:bootstrap", config["actor"]!.GetValue<string>());
        Assert.Contains(config["changes"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "watched" && c["kind"]!.GetValue<string>() == "routes");

        await hybrid.StartNodeAsync("watched-node");
        await watch.NextAsync(l => Event(l)["node"] is { } n && n["event"]!.GetValue<string>() == "connected" && n["node"]!["id"]!.GetValue<string>() == "watched-node",
            "the node's connection");
        Assert.False(watch.HasExited);
    }

    [Fact]
    public async Task Watch_AsText_PrintsOneLineAVersion_AndEndsWithZeroOnCtrlC()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var from = await hybrid.Admin.ConfigVersionAsync();
        var process = workspace.Hgw.Start("watch", "--from", from.ToString(CultureInfo.InvariantCulture), "--config-only");
        using var watch = new CliLines(process);

        var version = await hybrid.AddEchoRouteAsync("texted", "/texted");
        var line = await watch.NextAsync(l => l.Contains("version " + version.ToString(CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal), "version " + version);
        Assert.Contains("token:bootstrap", line);
        Assert.Contains("+1 ~0 -0", line);
        Assert.DoesNotContain("\u001b", line);

        using (var interrupt = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, "exit " + process.ExitCode + "\n" + watch.Seen());
    }

    private static JsonObject Event(string line) => JsonNode.Parse(line)!.AsObject();
}
