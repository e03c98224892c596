using HybridGateway.ControlPlane.Rollout;
using HybridGateway.ControlPlane.Sync;

namespace HybridGateway.FunctionalTests.ControlPlane;

public sealed class RolloutStepsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static readonly RolloutPlan Rollout = new()
    {
        Id = "r",
        Waves = [new RolloutWave("canary", new Dictionary<string, string> { ["ring"] = "canary" }), new RolloutWave("rest", new Dictionary<string, string>())],
        WaitSeconds = 30,
        Baseline = 10,
        StartedAt = Start,
    };

    [Fact]
    public void CanaryNotYetAtTheLatest_NothingMoves()
    {
        var next = RolloutSteps.Next(Rollout, [Node("c", "canary", 10), Node("m", "main", 10)], 11, Start.AddSeconds(5));
        Assert.Same(Rollout, next);
        Assert.True(Rollout.Holds(Labels("main")));
        Assert.False(Rollout.Holds(Labels("canary")));
    }

    [Fact]
    public void CanaryAtTheLatest_WaitsThenReleasesTheRest_ThenCompletes()
    {
        var done = RolloutSteps.Next(Rollout, [Node("c", "canary", 11)], 11, Start.AddSeconds(5));
        Assert.Equal(Start.AddSeconds(5), done.WaveDoneAt);
        Assert.Same(done, RolloutSteps.Next(done, [Node("c", "canary", 11)], 11, Start.AddSeconds(34)));
        var released = RolloutSteps.Next(done, [Node("c", "canary", 11)], 11, Start.AddSeconds(35));
        Assert.Equal((1, (DateTimeOffset?)null), (released.Released, released.WaveDoneAt));
        Assert.False(released.Holds(Labels("main")));
        var nodes = new[] { Node("c", "canary", 11), Node("m", "main", 11) };
        var waited = RolloutSteps.Next(RolloutSteps.Next(released, nodes, 11, Start.AddSeconds(36)), nodes, 11, Start.AddSeconds(70));
        Assert.Equal(RolloutPlan.Completed, waited.Status);
    }

    [Fact]
    public void NackFromAReleasedNode_Stops_NackFromAHeldOneOrBeforeTheStart_DoesNot()
    {
        var canaryNack = Node("c", "canary", 10) with { LastNack = new NodeRejection { At = Start.AddSeconds(3), RejectedVersion = 11, Code = "unsupported_feature", Message = "grpc" } };
        var stopped = RolloutSteps.Next(Rollout, [canaryNack], 11, Start.AddSeconds(4));
        Assert.Equal(RolloutPlan.Stopped, stopped.Status);
        Assert.Contains("node c (wave canary) refused version 11", stopped.StoppedReason, StringComparison.Ordinal);
        Assert.True(stopped.Holds(Labels("main")));

        var old = Node("c", "canary", 11) with { LastNack = new NodeRejection { At = Start.AddSeconds(-60), RejectedVersion = 11, Code = "x", Message = "y" } };
        Assert.Equal(RolloutPlan.Active, RolloutSteps.Next(Rollout, [old], 11, Start.AddSeconds(4)).Status);
    }

    private static Dictionary<string, string> Labels(string ring) => new() { ["ring"] = ring };

    private static DataPlaneNode Node(string id, string ring, long applied) =>
        new() { Id = id, Labels = Labels(ring), AppliedVersion = applied, SyncStatus = NodeSyncStatus.InSync };
}
