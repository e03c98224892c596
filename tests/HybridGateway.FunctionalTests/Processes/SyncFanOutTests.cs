using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;
using Xunit.Abstractions;

namespace HybridGateway.FunctionalTests.Processes;

[Collection(ProcessCollection.Name)]
public sealed class SyncFanOutTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AdminChange_IsServedByTwoDataPlanes_AndEachIsListedInSync()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var eu = await hybrid.StartNodeAsync("node-eu", settings: new Dictionary<string, string> { ["HGW_DataPlane__Labels__region"] = "eu-west", ["HGW_DataPlane__Labels__zone"] = "eu-west-1a" });
        var us = await hybrid.StartNodeAsync("node-us", settings: new Dictionary<string, string> { ["HGW_DataPlane__Labels__region"] = "us-east" });

        for (var round = 1; round <= 3; round++)
        {
            var clock = Stopwatch.StartNew();
            var version = await hybrid.AddEchoRouteAsync("fanout-" + round, "/fanout-" + round);
            await Eventually.True(async () =>
            {
                var nodes = (await hybrid.Admin.GetJson("/clustering/data-planes")).Object["data"]!.AsArray();
                return nodes.Count == 2 && nodes.All(n => n!["applied_version"]!.GetValue<long>() >= version);
            }, "both nodes to acknowledge version " + version);
            var line = $"round {round}: write of version {version} to ACK from both nodes: {clock.Elapsed.TotalMilliseconds:0} ms";
            output.WriteLine(line);
            TestReport.Append("sync fan-out (2 data planes): " + line);

            foreach (var node in new[] { eu, us })
            {
                var reply = await node.Proxy.GetJson("/fanout-" + round + "/hello?x=1");
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                Assert.Equal("/hello", reply.Object["path"]!.GetValue<string>());
                Assert.Equal("?x=1", reply.Object["query"]!.GetValue<string>());
            }
        }

        var listed = await hybrid.NodeStatusAsync("node-eu");
        Assert.Equal("in_sync", listed["sync_status"]!.GetValue<string>());
        Assert.Equal("eu-west", listed["labels"]!["region"]!.GetValue<string>());
        Assert.Equal(0, listed["lag_versions"]!.GetValue<long>());
        Assert.Equal((await eu.StatusAsync())["config"]!["hash"]!.GetValue<string>(), listed["config_hash"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", listed["ip"]!.GetValue<string>().Replace("::ffff:", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NodeThatWasAway_ResumesWithADelta_FromItsVersion()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-resume");
        var first = await hybrid.AddEchoRouteAsync("resume-1", "/resume-1");
        await node.WaitForVersionAsync(first);
        await node.StopAsync();

        var second = await hybrid.AddEchoRouteAsync("resume-2", "/resume-2");
        await node.StartAsync();
        await node.WaitForVersionAsync(second);
        Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetAsync("/resume-2")).StatusCode);
        var resumed = "connected at version " + first + "; full snapshot needed: False";
        await Eventually.True(() => Task.FromResult(hybrid.ControlPlane.Process!.Output.Contains(resumed, StringComparison.Ordinal)),
            "the control plane to log a resume by delta", diagnostics: () => hybrid.ControlPlane.Process!.Output);
    }
}
