using System.Text.Json.Nodes;
using HybridGateway.Contracts.Admin.V1;
using HybridGateway.ControlPlane.AdminGrpc;
using Microsoft.Extensions.Logging.Abstractions;

namespace HybridGateway.FunctionalTests.AdminGrpc;

/// <summary>The watch's node events: what counts as a change, and a slow watcher is ended without holding back the others.</summary>
public sealed class NodeStatusFeedTests
{
    [Fact]
    public void ASlowWatcher_IsEnded_AndTheOthersGetEveryEvent()
    {
        var feed = new NodeStatusFeed(null!, null!, null!, TimeProvider.System, NullLogger<NodeStatusFeed>.Instance);
        var slow = feed.Subscribe();
        var keen = feed.Subscribe();
        var received = 0;
        for (var i = 0; i < NodeStatusFeed.QueueLength + 10; i++)
        {
            feed.Send(new NodeEvent { Event = "lag", Node = new HybridGateway.Contracts.Admin.V1.DataPlane { Id = "n", AppliedVersion = i } });
            while (keen.Reader.TryRead(out _))
            {
                received++;
            }
        }
        Assert.Equal(NodeStatusFeed.QueueLength + 10, received);
        // The slow watcher keeps what was queued, then learns that it fell behind (its stream ends RESOURCE_EXHAUSTED).
        Assert.Equal(NodeStatusFeed.QueueLength, slow.Reader.Count);
        while (slow.Reader.TryRead(out _))
        {
        }
        Assert.True(slow.Reader.Completion.IsCompleted);
        Assert.IsType<WatcherFellBehindException>(slow.Reader.Completion.Exception!.GetBaseException());
    }

    [Theory]
    [InlineData(null, "in_sync", 3, null, "connected")]
    [InlineData("disconnected", "syncing", 3, null, "connected")]
    [InlineData("in_sync", "in_sync", 3, null, null)]
    [InlineData("syncing", "in_sync", 3, null, "in_sync")]
    [InlineData("in_sync", "disconnected", 3, null, "disconnected")]
    [InlineData("nack", "nack", 3, 5L, "nack")]
    [InlineData("in_sync", "in_sync", 4, null, "lag")]
    public void NodeChanges_AreNamed(string? before, string now, long applied, long? newNack, string? expected)
    {
        JsonObject Node(string status, long version, long? nack) => new()
        {
            ["id"] = "n",
            ["sync_status"] = status,
            ["applied_version"] = version,
            ["lag_versions"] = 0,
            ["last_nack"] = nack is null ? null : new JsonObject { ["rejected_version"] = nack },
        };
        var previous = before is null ? null : Node(before, 3, before == "nack" ? 4 : null);
        Assert.Equal(expected, NodeStatusFeed.Event(previous, Node(now, applied, newNack ?? (now == "nack" && before == "nack" ? 4 : null))));
    }
}
