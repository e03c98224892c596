using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.AdminGrpc;

/// <summary>Watch, from the independent Node.js client: versions written through REST, a real node's connection and NACK, replay from a version, and cleanup.</summary>
[Collection(ProcessCollection.Name)]
public sealed class WatchTests
{
    [Fact]
    public async Task TheWatch_SeesARestWrite_ANodeConnect_AndItsNack_AndIsCleanedUpWhenItLeaves()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var port = hybrid.ControlPlane.AdminGrpcPort;
        using var watch = new WatchLines(AdminGrpcJsClient.StartWatch(port, ControlPlaneHost.Token, new { }));
        await watch.NextAsync(l => l == "subscribed", "the watch to be subscribed");
        Assert.Equal(1, await WatchersAsync(hybrid));

        var clock = Stopwatch.StartNew();
        var version = await hybrid.AddEchoRouteAsync("watched", "/watched");
        var seen = await watch.NextAsync(l => Event(l)?["config"]?["version"]?.GetValue<string>() == version.ToString(CultureInfo.InvariantCulture), "the route's version");
        Console.WriteLine($"the watch saw version {version}, written through REST, {clock.ElapsedMilliseconds} ms after the write began");
        var config = Event(seen)!["config"]!;
        Assert.Equal("token:bootstrap", config["actor"]!.GetValue<string>());
        Assert.Equal("routes", config["changes"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("watched", config["changes"]![0]!["name"]!.GetValue<string>());

        var node = await hybrid.StartNodeAsync("watched-node");
        await watch.NextAsync(l => Event(l)?["node"] is { } n && n["event"]!.GetValue<string>() == "connected" && n["node"]!["id"]!.GetValue<string>() == "watched-node",
            "the node's connection");
        await node.WaitForVersionAsync(version);

        // The node has no gRPC health prober: it NACKs this version.
        var rejected = (await hybrid.Admin.PostJson("/upstreams", new { name = "pool.internal", healthchecks = new { active = new { type = "grpc", healthy = new { interval = 5 } } } })).ConfigVersion!.Value;
        var nack = await watch.NextAsync(l => Event(l)?["node"] is { } n && n["event"]!.GetValue<string>() == "nack", "the node's NACK");
        var nacked = Event(nack)!["node"]!["node"]!;
        Assert.Equal("watched-node", nacked["id"]!.GetValue<string>());
        Assert.Equal(rejected.ToString(CultureInfo.InvariantCulture), nacked["last_nack"]!["rejected_version"]!.GetValue<string>());
        Assert.Equal("unsupported_feature", nacked["last_nack"]!["code"]!.GetValue<string>());

        await node.StopAsync();
        await watch.NextAsync(l => Event(l)?["node"] is { } n && n["event"]!.GetValue<string>() == "disconnected", "the node's disconnection");

        watch.Stop();
        await watch.NextAsync(l => Event(l)?["end"] is not null, "the stream to end");
        await Eventually.True(async () => await WatchersAsync(hybrid) == 0, "the control plane to drop the watcher");
    }

    [Fact]
    public async Task AWatchFromAVersion_ReplaysEveryLaterVersionInOrder_ThenGoesLive()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var from = await hybrid.Admin.ConfigVersionAsync();
        var written = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            written.Add(await hybrid.AddEchoRouteAsync("replayed-" + i, "/replayed-" + i));
        }
        using var watch = new WatchLines(AdminGrpcJsClient.StartWatch(hybrid.ControlPlane.AdminGrpcPort, ControlPlaneHost.Token, new { from_version = from, config_only = true }));
        var live = await hybrid.AddEchoRouteAsync("live", "/live");
        var versions = new List<long>();
        while (versions.Count == 0 || versions[^1] < live)
        {
            var line = await watch.NextAsync(l => Event(l)?["config"] is not null, "version " + live);
            versions.Add(long.Parse(Event(line)!["config"]!["version"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        }
        Assert.Equal(Enumerable.Range((int)from + 1, (int)(live - from)).Select(v => (long)v), versions);

        var refused = await AdminGrpcJsClient.BatchAsync(hybrid.ControlPlane.AdminGrpcPort, null, ("ListHistory", new { }));
        Assert.Equal("UNAUTHENTICATED", refused[0]["code"]!.GetValue<string>());
        using var anonymous = new WatchLines(AdminGrpcJsClient.StartWatch(hybrid.ControlPlane.AdminGrpcPort, null, new { }));
        var end = await anonymous.NextAsync(l => Event(l)?["end"] is not null, "the anonymous watch to be refused");
        Assert.Equal("UNAUTHENTICATED", Event(end)!["code"]!.GetValue<string>());
    }

    private static JsonObject? Event(string line) => line.StartsWith('{') ? JsonNode.Parse(line)!.AsObject() : null;

    private static async Task<int> WatchersAsync(HybridFixture hybrid) =>
        (await hybrid.Admin.GetJson("/status")).Object["admin"]!["watchers"]!.GetValue<int>();

    /// <summary>A running watch client's output, line by line.</summary>
    private sealed class WatchLines : IDisposable
    {
        private readonly Process _process;
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
        private readonly List<string> _seen = [];

        public WatchLines(Process process)
        {
            _process = process;
            _ = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    _lines.Writer.TryWrite(line);
                }
                _lines.Writer.TryComplete();
            });
        }

        public async Task<string> NextAsync(Func<string, bool> wanted, string what)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                while (true)
                {
                    var line = await _lines.Reader.ReadAsync(timeout.Token);
                    _seen.Add(line);
                    if (wanted(line))
                    {
                        return line;
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                throw new Xunit.Sdk.XunitException("waiting for " + what + ", the watch printed:\n" + string.Join('\n', _seen)
                    + "\nstderr: " + (_process.HasExited ? _process.StandardError.ReadToEnd() : "(running)"));
            }
        }

        public void Stop() => _process.StandardInput.WriteLine("stop");

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
            _process.Dispose();
        }
    }
}
