using System.Net;
using System.Text;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.RateLimiting;

/// <summary>
/// decK files that rate-limit import into the control plane and a data plane serves them: one with
/// the local policy on routes, one with the cluster policy on a consumer beside prometheus.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class KongFixtureServingTests
{
    [DeckCorpusTheory]
    [InlineData("gdr-sync-040-kong3x-services-via-names.yaml")]
    [InlineData("sync-xxx-plugins-on-entities-kong.yaml")]
    public async Task DeckFileThatRateLimits_Imports_AndTheNodeServesIt(string file)
    {
        var path = Path.Combine(DeckCorpusTheoryAttribute.Corpus, file);
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("deck-node");
        using var body = new StringContent(await File.ReadAllTextAsync(path), Encoding.UTF8, "application/yaml");
        using var reply = await hybrid.Admin.PostAsync("/config", body);
        Assert.True(reply.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, await reply.Content.ReadAsStringAsync());
        var version = await hybrid.Admin.ConfigVersionAsync();

        await node.WaitForVersionAsync(version);

        var status = await Eventually.Get(() => hybrid.NodeStatusAsync("deck-node"), s => s["applied_version"]!.GetValue<long>() == version,
            "the control plane to record the node's ACK");
        Assert.Null(status["last_nack"]);
        Assert.NotEmpty((await node.StatusAsync())["rate_limiting"]!["instances"]!.AsObject());
    }
}
