using System.Net;
using HybridGateway.FunctionalTests.Support;
using Xunit.Abstractions;

namespace HybridGateway.FunctionalTests.Processes;

[Collection(ProcessCollection.Name)]
public sealed class ControlPlaneOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ControlPlaneKilledUnderLoad_NoProxiedRequestFails_AndTheNodeCatchesUpAfterwards()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var replica = await hybrid.StartReplicaAsync("cp-b");
        var node = await hybrid.StartNodeAsync("node-load");
        var version = await hybrid.AddEchoRouteAsync("steady", "/steady");
        await node.WaitForVersionAsync(version);

        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(_ => LoadAsync(node.Proxy, stop.Token)).ToArray();
        await Task.Delay(1000);

        hybrid.ControlPlane.Kill();
        output.WriteLine("control plane killed");
        // Meanwhile an operator changes the config through the other replica.
        var changed = await replica.Admin.PostJson("/services/steady/routes", new { name = "added-during-outage", paths = new[] { "/added" } });
        Assert.Equal(HttpStatusCode.Created, changed.Status);
        await Task.Delay(2000);
        Assert.Equal(version, await node.ServedVersionAsync());

        await hybrid.ControlPlane.StartAsync();
        output.WriteLine("control plane restarted");
        await node.WaitForVersionAsync(changed.ConfigVersion!.Value);
        Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetAsync("/added")).StatusCode);
        await Task.Delay(500);

        await stop.CancelAsync();
        var results = await Task.WhenAll(load);
        var total = results.Sum(r => r.Total);
        var failed = results.Sum(r => r.Failed);
        output.WriteLine($"proxied {total} requests through the outage; {failed} failed");
        TestReport.Append($"control plane killed under load: {total} proxied requests, {failed} failed");
        Assert.True(total > 100, "too little load to mean anything: " + total);
        Assert.Equal(0, failed);
    }

    private static async Task<(int Total, int Failed)> LoadAsync(HttpClient proxy, CancellationToken stop)
    {
        var total = 0;
        var failed = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await proxy.GetAsync("/steady/ping", CancellationToken.None);
                total++;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failed++;
                }
            }
            catch (HttpRequestException)
            {
                total++;
                failed++;
            }
        }
        return (total, failed);
    }
}
