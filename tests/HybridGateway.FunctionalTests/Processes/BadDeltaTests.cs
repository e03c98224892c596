using HybridGateway.Contracts.Sync.V1;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>A real node against a scripted control plane that sends what a buggy or racing one might.</summary>
[Collection(ProcessCollection.Name)]
public sealed class BadDeltaTests
{
    private static string Routes(params string[] names) =>
        "_format_version: \"3.0\"\nservices:\n- name: svc\n  url: http://127.0.0.1:9\n  routes:\n"
        + string.Concat(names.Select(n => "  - name: " + n + "\n    paths: [/" + n + "]\n"));

    [Fact]
    public async Task DeltaWithAGap_LeadsToAResync_ThatEndsAtTheLatestVersion()
    {
        await using var cp = await ScriptedControlPlane.StartAsync();
        await using var node = await DataPlaneProcess.StartAsync(cp.Url, "node-gap");
        var hello = await cp.Script.NextAsync(NodeMessage.KindOneofCase.Hello);
        Assert.Equal(0UL, hello.Hello.AppliedVersion);

        var v5 = SyncMessages.Config(Routes("a"), 5);
        var v6 = SyncMessages.Config(Routes("a", "b"), 6, v5);
        var v7 = SyncMessages.Config(Routes("a", "b", "c"), 7, v6);
        cp.Script.Send(SyncMessages.Welcome(5));
        cp.Script.Send(SyncMessages.Snapshot(v5, "n5"));
        Assert.Equal(5UL, (await cp.Script.NextAsync(NodeMessage.KindOneofCase.Ack)).Ack.Version);

        // v5 -> v7 skips v6: the node must not apply it.
        cp.Script.Send(SyncMessages.Delta(v6, v7, "n7"));
        var resync = await cp.Script.NextAsync(NodeMessage.KindOneofCase.Resync);
        Assert.Equal(5UL, resync.Resync.AppliedVersion);
        Assert.Contains("does not start at the served version 5", resync.Resync.Reason, StringComparison.Ordinal);
        Assert.Equal(5, await node.ServedVersionAsync());

        cp.Script.Send(SyncMessages.Snapshot(v7, "n7s"));
        var ack = await cp.Script.NextAsync(NodeMessage.KindOneofCase.Ack);
        Assert.Equal(7UL, ack.Ack.Version);
        Assert.Equal(v7.Hash.ToString(), ack.Ack.Hash);
        Assert.Equal(7, await node.ServedVersionAsync());
    }

    [Fact]
    public async Task OutOfOrderDelta_LeadsToAResync_ThatEndsAtTheLatestVersion()
    {
        await using var cp = await ScriptedControlPlane.StartAsync();
        await using var node = await DataPlaneProcess.StartAsync(cp.Url, "node-late");
        await cp.Script.NextAsync(NodeMessage.KindOneofCase.Hello);
        var v5 = SyncMessages.Config(Routes("a"), 5);
        var v6 = SyncMessages.Config(Routes("a", "b"), 6, v5);
        var v7 = SyncMessages.Config(Routes("a", "b", "c"), 7, v6);
        cp.Script.Send(SyncMessages.Welcome(7));
        cp.Script.Send(SyncMessages.Snapshot(v7, "n7"));
        await cp.Script.NextAsync(NodeMessage.KindOneofCase.Ack);

        // A late delta (v5 -> v6) arriving after v7 must not take the node back.
        cp.Script.Send(SyncMessages.Delta(v5, v6, "late"));
        var resync = await cp.Script.NextAsync(NodeMessage.KindOneofCase.Resync);
        Assert.Equal(7UL, resync.Resync.AppliedVersion);
        Assert.Equal(7, await node.ServedVersionAsync());

        var v8 = SyncMessages.Config(Routes("a", "b", "c", "d"), 8, v7);
        cp.Script.Send(SyncMessages.Snapshot(v8, "n8"));
        Assert.Equal(8UL, (await cp.Script.NextAsync(NodeMessage.KindOneofCase.Ack)).Ack.Version);
        Assert.Equal(8, await node.ServedVersionAsync());
    }

    [Fact]
    public async Task DeltaThatDoesNotHashToWhatTheControlPlaneSays_LeadsToAResync()
    {
        await using var cp = await ScriptedControlPlane.StartAsync();
        await using var node = await DataPlaneProcess.StartAsync(cp.Url, "node-hash");
        await cp.Script.NextAsync(NodeMessage.KindOneofCase.Hello);
        var v1 = SyncMessages.Config(Routes("a"), 1);
        var v2 = SyncMessages.Config(Routes("a", "b"), 2, v1);
        cp.Script.Send(SyncMessages.Welcome(1));
        cp.Script.Send(SyncMessages.Snapshot(v1, "n1"));
        await cp.Script.NextAsync(NodeMessage.KindOneofCase.Ack);

        cp.Script.Send(SyncMessages.Delta(v1, v2, "n2", toHash: new string('0', 64)));
        var resync = await cp.Script.NextAsync(NodeMessage.KindOneofCase.Resync);
        Assert.Contains("hashes to", resync.Resync.Reason, StringComparison.Ordinal);
        Assert.Equal(1, await node.ServedVersionAsync());
    }

    [Fact]
    public async Task SnapshotWithAMalformedOrInvalidEntity_IsNacked_AndTheOldConfigStays()
    {
        await using var cp = await ScriptedControlPlane.StartAsync();
        await using var node = await DataPlaneProcess.StartAsync(cp.Url, "node-nack");
        await cp.Script.NextAsync(NodeMessage.KindOneofCase.Hello);
        var v1 = SyncMessages.Config(Routes("a"), 1);
        cp.Script.Send(SyncMessages.Welcome(1));
        cp.Script.Send(SyncMessages.Snapshot(v1, "n1"));
        await cp.Script.NextAsync(NodeMessage.KindOneofCase.Ack);

        var malformed = SyncMessages.Snapshot(SyncMessages.Config(Routes("a", "b"), 2, v1), "n2");
        malformed.Snapshot.Resources.Add(new Resource { Kind = "routes", Id = Guid.NewGuid().ToString(), Json = Google.Protobuf.ByteString.CopyFromUtf8("{not json") });
        cp.Script.Send(malformed);
        var nack = await cp.Script.NextAsync(NodeMessage.KindOneofCase.Nack);
        Assert.Equal("malformed", nack.Nack.Error.Code);
        Assert.Equal(1UL, nack.Nack.AppliedVersion);

        // A route pointing at a service that is not in the snapshot: the reference does not resolve.
        var dangling = SyncMessages.Snapshot(SyncMessages.Config(Routes("a"), 3, v1), "n3");
        dangling.Snapshot.Resources.Remove(dangling.Snapshot.Resources.First(r => r.Kind == "services"));
        cp.Script.Send(dangling);
        var invalid = await cp.Script.NextAsync(NodeMessage.KindOneofCase.Nack);
        Assert.Equal("invalid_config", invalid.Nack.Error.Code);
        Assert.Contains("does not reference an existing 'services' entity", invalid.Nack.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await node.ServedVersionAsync());
    }
}
