using System.Net;
using HybridGateway.DataPlane.Cache;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

[Collection(ProcessCollection.Name)]
public sealed class CacheTests
{
    private const string Config = """
        _format_version: "3.0"
        services:
        - name: cached
          url: http://127.0.0.1:9
          routes:
          - name: cached
            paths: [/cached]
        """;

    [Fact]
    public async Task NodeRestart_WithTheControlPlaneDown_ServesTheSameVersionFromItsCache()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-cache");
        var version = await hybrid.AddEchoRouteAsync("from-cache", "/from-cache");
        await node.WaitForVersionAsync(version);
        await Eventually.True(async () => (await node.StatusAsync())["config"]!["cached_version"]!.GetValue<long>() == version, "the cache to be written");
        var hash = (await node.StatusAsync())["config"]!["hash"]!.GetValue<string>();
        // The cache holds private keys and secrets: readable by the node's user only.
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(node.CacheDirectory, "config.cache")));
        }

        hybrid.ControlPlane.Kill();
        node.Kill();
        await node.StartAsync();

        var status = await node.StatusAsync();
        Assert.Equal(version, status["config"]!["version"]!.GetValue<long>());
        Assert.Equal(hash, status["config"]!["hash"]!.GetValue<string>());
        Assert.Equal("cache", status["config"]!["source"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await node.Status.GetAsync("/status/ready")).StatusCode);
        var reply = await node.Proxy.GetJson("/from-cache/x");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("/x", reply.Object["path"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("bit-flipped")]
    [InlineData("empty")]
    [InlineData("garbage")]
    [InlineData("length-lies")]
    public async Task BadCache_IsRefusedCleanly_NodeStaysUpAndNotReady(string damage)
    {
        var directory = Directory.CreateTempSubdirectory("hgw-bad-cache-").FullName;
        var cache = new LastGoodConfigCache(directory);
        cache.Write(SyncMessages.Snapshot(SyncMessages.Config(Config, 3), "cache").Snapshot);
        Damage(cache.Path, damage);

        // The control plane address is a port nobody listens on: the cache is all the node has.
        await using var node = await DataPlaneProcess.StartAsync("http://127.0.0.1:" + FreePort.Next(), "node-bad-cache", cacheDirectory: directory);
        await Task.Delay(500);

        Assert.False(node.Process!.HasExited);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await node.Status.GetAsync("/status/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await node.Proxy.GetAsync("/cached")).StatusCode);
        await Eventually.True(() => Task.FromResult(node.Process.Output.Contains("Refused the config cache", StringComparison.Ordinal)),
            "the node to log why it refused the cache", diagnostics: () => node.Process.Output);
        Assert.True(File.Exists(cache.Path + ".rejected"));
        Assert.False(File.Exists(cache.Path));
    }

    [Fact]
    public async Task BadCache_ThenTheControlPlaneArrives_NodeBecomesReady()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var version = await hybrid.AddEchoRouteAsync("recovered", "/recovered");
        var directory = Directory.CreateTempSubdirectory("hgw-bad-cache-").FullName;
        var cache = new LastGoodConfigCache(directory);
        cache.Write(SyncMessages.Snapshot(SyncMessages.Config(Config, 3), "cache").Snapshot);
        Damage(cache.Path, "bit-flipped");

        await using var node = await DataPlaneProcess.StartAsync(hybrid.ControlPlane.ClusterUrl, "node-recovering", cacheDirectory: directory);
        await node.WaitForVersionAsync(version);
        Assert.Equal(HttpStatusCode.OK, (await node.Status.GetAsync("/status/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetAsync("/recovered")).StatusCode);
        await Eventually.True(async () => (await node.StatusAsync())["config"]!["cached_version"]!.GetValue<long>() == version, "a good cache to replace the bad one");
        Assert.Null(cache.TryRead().Problem);
    }

    [Fact]
    public async Task ValidCache_WithNoControlPlane_IsServedAtOnce()
    {
        var directory = Directory.CreateTempSubdirectory("hgw-cache-").FullName;
        var cache = new LastGoodConfigCache(directory);
        var state = SyncMessages.Config(Config, 3);
        cache.Write(SyncMessages.Snapshot(state, "cache").Snapshot);

        await using var node = await DataPlaneProcess.StartAsync("http://127.0.0.1:" + FreePort.Next(), "node-cache-only", cacheDirectory: directory);
        Assert.Equal(HttpStatusCode.OK, (await node.Status.GetAsync("/status/ready")).StatusCode);
        var status = await node.StatusAsync();
        Assert.Equal(3, status["config"]!["version"]!.GetValue<long>());
        Assert.Equal(state.Hash.ToString(), status["config"]!["hash"]!.GetValue<string>());
        // The route points at a closed port: the route matched and the upstream was unreachable.
        Assert.Equal(HttpStatusCode.BadGateway, (await node.Proxy.GetAsync("/cached")).StatusCode);
    }

    private static void Damage(string path, string damage)
    {
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncated":
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                break;
            case "bit-flipped":
                bytes[^10] ^= 0x04;
                File.WriteAllBytes(path, bytes);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "garbage":
                File.WriteAllText(path, "this is not a config cache");
                break;
            case "length-lies":
                bytes[8] ^= 0x01;
                File.WriteAllBytes(path, bytes);
                break;
        }
    }
}
