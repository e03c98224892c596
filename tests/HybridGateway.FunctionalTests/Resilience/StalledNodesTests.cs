using System.Globalization;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Resilience;

/// <summary>
/// Peers that stop reading, and peers that read but never answer, cannot starve the snapshot slots
/// or stay forever: a real data plane without a cache still gets its config within seconds, the
/// stalled sessions are dropped, and their records are purged after the configured delay.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class StalledNodesTests
{
    [Fact]
    public async Task StalledAndSilentPeers_AreDropped_AFreshNodeIsServed_TheirRecordsPurged()
    {
        await using var hybrid = await HybridFixture.StartAsync(new Dictionary<string, string>
        {
            ["HGW_ControlPlane__SyncWriteTimeoutMs"] = "1000",
            ["HGW_ControlPlane__ConfigAnswerTimeoutMs"] = "2000",
            ["HGW_ControlPlane__HeartbeatIntervalMs"] = "500",
            ["HGW_ControlPlane__DataPlanePurgeDelaySeconds"] = "4",
        });
        // A snapshot far larger than a stream's flow-control window (64 KiB): a peer that does not read stalls it.
        var yaml = new StringBuilder("_format_version: \"3.0\"\nservices:\n");
        for (var i = 0; i < 1500; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"- name: svc-{i}\n  url: http://127.0.0.1:9/{i}\n  tags: [padding-{new string('x', 64)}]\n  routes:\n  - name: route-{i}\n    paths: [/r{i}]\n");
        }
        using var content = new StringContent(yaml.ToString(), Encoding.UTF8, "application/yaml");
        var imported = await hybrid.Admin.PostAsync("/config", content);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());

        using var stallers = Channel(hybrid);
        using var silent = Channel(hybrid);
        var calls = new List<AsyncDuplexStreamingCall<NodeMessage, ControlPlaneMessage>>();
        for (var i = 0; i < 10; i++)
        {
            // Hello, then never read: the control plane's snapshot write stalls on flow control.
            calls.Add(await HelloAsync(stallers, "stalled-" + i));
        }
        var readers = new List<Task>();
        for (var i = 0; i < 200; i++)
        {
            // Hello, read everything, never answer.
            var call = await HelloAsync(silent, "mute-" + i);
            calls.Add(call);
            readers.Add(DrainAsync(call));
        }
        try
        {
            await Eventually.True(async () => (await hybrid.Admin.GetJson("/clustering/data-planes")).Object["data"]!.AsArray().Count >= 210,
                "the 210 peers listed");

            // A fresh node, no cache: it needs a full snapshot, while the stalled peers hold the slots.
            var node = await hybrid.StartNodeAsync("fresh-node");
            await Eventually.True(async () => (await node.Status.GetAsync("/status/ready")).IsSuccessStatusCode,
                "the fresh node ready", TimeSpan.FromSeconds(20));

            // Every stalled and silent session is dropped; only the real node stays connected.
            await Eventually.True(async () => (await hybrid.Admin.GetJson("/status")).Object["cluster"]!["connected_nodes"]!.GetValue<int>() == 1,
                "only the fresh node connected", TimeSpan.FromSeconds(30));
            // Both ways of being dropped happened: a write that was not read, and a config that was not answered (or silence).
            var log = hybrid.ControlPlane.Process!.Output;
            Assert.Contains("did not read a message within 1000 ms", log, StringComparison.Ordinal);
            Assert.True(log.Contains("did not answer version", StringComparison.Ordinal) || log.Contains("(three heartbeat intervals)", StringComparison.Ordinal), "no silent peer was dropped");
            // Their records are purged once not seen for the purge delay; the live node's stays.
            await Eventually.True(async () =>
            {
                var ids = (await hybrid.Admin.GetJson("/clustering/data-planes")).Object["data"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToArray();
                return ids.SequenceEqual(["fresh-node"]);
            }, "the dropped peers purged", TimeSpan.FromSeconds(30));
        }
        finally
        {
            foreach (var call in calls)
            {
                call.Dispose();
            }
        }
    }

    private static GrpcChannel Channel(HybridFixture hybrid) => GrpcChannel.ForAddress(hybrid.ControlPlane.ClusterUrl, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, InitialHttp2StreamWindowSize = 65535 },
        MaxReceiveMessageSize = 64 * 1024 * 1024,
    });

    private static async Task<AsyncDuplexStreamingCall<NodeMessage, ControlPlaneMessage>> HelloAsync(GrpcChannel channel, string nodeId)
    {
        var call = new ConfigSync.ConfigSyncClient(channel).Stream();
        await call.RequestStream.WriteAsync(new NodeMessage
        {
            Hello = new Hello { NodeId = nodeId, Hostname = nodeId, ProtocolVersion = HybridGateway.Sync.SyncProtocol.ProtocolVersion, SoftwareVersion = HybridGateway.Sync.SyncProtocol.SoftwareVersion },
        });
        return call;
    }

    private static async Task DrainAsync(AsyncDuplexStreamingCall<NodeMessage, ControlPlaneMessage> call)
    {
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }
        catch (RpcException)
        {
            // dropped by the control plane, as expected
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
