using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

[Collection(ProcessCollection.Name)]
public sealed class AccessLogTests
{
    [Fact]
    public async Task UnderConcurrentLoad_EveryRequestGetsOneJsonLine_WithItsRouteStatusAndVersion()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), "hgw-access-" + Guid.NewGuid().ToString("N") + ".log");
        try
        {
            var node = await hybrid.StartNodeAsync("logged", settings: new Dictionary<string, string> { ["HGW_DataPlane__AccessLog"] = path });
            var version = await hybrid.AddEchoRouteAsync("logged", "/logged");
            await node.WaitForVersionAsync(version);

            var answers = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => node.Proxy.GetAsync(i % 2 == 0 ? "/logged/" + i : "/nowhere/" + i)));
            Assert.Equal(200, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            await Eventually.True(async () => (await node.StatusAsync())["access_log"]!["written"]!.GetValue<long>() == 400, "400 access-log lines to be written");

            var lines = (await File.ReadAllLinesAsync(path)).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
            Assert.Equal(400, lines.Length);
            var proxied = lines.Where(l => l["status"]!.GetValue<int>() == 200).ToArray();
            Assert.Equal(200, proxied.Length);
            Assert.All(proxied, l =>
            {
                Assert.Equal("logged", l["route"]!["name"]!.GetValue<string>());
                Assert.Equal("logged", l["service"]!["name"]!.GetValue<string>());
                Assert.Equal(version, l["config_version"]!.GetValue<long>());
                Assert.StartsWith("http://127.0.0.1:", l["upstream"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.NotNull(l["latencies_ms"]!["upstream"]);
            });
            Assert.All(lines.Where(l => l["status"]!.GetValue<int>() == 404), l => Assert.Null(l["route"]));
            Assert.Equal(400, lines.Select(l => l["path"]!.GetValue<string>()).Distinct().Count());
            Assert.Equal(0, (await node.StatusAsync())["access_log"]!["dropped"]!.GetValue<long>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
