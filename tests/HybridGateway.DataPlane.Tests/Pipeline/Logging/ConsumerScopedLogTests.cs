using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Pipeline;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline.Logging;

/// <summary>A log plugin scoped to a consumer logs that consumer's requests into its own sink; the others go to the route's instance.</summary>
public sealed class ConsumerScopedLogTests
{
    [Fact]
    public async Task ConsumerScopedFileLog_TakesThatConsumersRequests()
    {
        var directory = Directory.CreateTempSubdirectory("hgw-log-");
        try
        {
            var service = Service("orders");
            var route = Route(service, "orders");
            var alice = Consumer("alice");
            var bob = Consumer("bob");
            var everyone = Path.Combine(directory.FullName, "route.log");
            var aliceOnly = Path.Combine(directory.FullName, "alice.log");
            var state = State(service, route, alice, Key(alice, "alice-key"), bob, Key(bob, "bob-key"),
                Plugin("key-auth", "{}", route),
                Plugin("file-log", new JsonObject { ["path"] = everyone }.ToJsonString(), route),
                Plugin("file-log", new JsonObject { ["path"] = aliceOnly }.ToJsonString()) with { Consumer = EntityRef.To(alice.Id) });
            var chain = Chains.Build(state, [route]).For(route.Id)!;

            async Task Send(string key)
            {
                var http = new DefaultHttpContext();
                http.Request.Method = "GET";
                http.Request.Headers["apikey"] = key;
                var request = new PluginRequest(http, Serving(state), "") { Route = route };
                await chain.AccessAsync(request);
                var outcome = new ProxyOutcome { Route = route, Consumer = request.Consumer, Redactions = request.Redactions, Chain = chain };
                Assert.NotEmpty(chain.LogHandlers);
                foreach (var handler in chain.LogHandlers)
                {
                    handler.Log(http, outcome, 1.0);
                }
            }

            await Send("alice-key");
            await Send("bob-key");

            var aliceLines = await LinesAsync(aliceOnly, 1);
            var routeLines = await LinesAsync(everyone, 1);
            Assert.Equal("alice", JsonNode.Parse(Assert.Single(aliceLines))!["consumer"]!["username"]!.GetValue<string>());
            Assert.Equal("bob", JsonNode.Parse(Assert.Single(routeLines))!["consumer"]!["username"]!.GetValue<string>());
            Assert.Equal("REDACTED", JsonNode.Parse(routeLines[0])!["request"]!["headers"]!["apikey"]!.GetValue<string>());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string[]> LinesAsync(string path, int count)
    {
        for (var i = 0; i < 500; i++)
        {
            if (File.Exists(path) && File.ReadAllLines(path) is { } lines && lines.Length >= count)
            {
                return lines;
            }
            await Task.Delay(10);
        }
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }
}
