using System.Threading.Channels;
using Grpc.Core;
using HybridGateway.Sync;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.ControlPlane.Hosting;
using HybridGateway.ControlPlane.Rollout;
using HybridGateway.ControlPlane.Store;
using HybridGateway.ControlPlane.Telemetry;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>
/// One node's stream. Only this loop writes to the stream: it sends a config when the node is
/// behind and nothing is awaiting an answer, a heartbeat on every interval, and records what the
/// node answers. One update in flight at a time: versions that arrive meanwhile are batched into
/// the next delta.
/// </summary>
public sealed partial class NodeSession(
    ConfigStore store,
    NodeConfigPlanner planner,
    SnapshotGate snapshots,
    NodeRegistry registry,
    IOptions<ControlPlaneOptions> options,
    ControlPlaneMeter meter,
    TimeProvider clock,
    ILogger<NodeSession> logger)
{
    private readonly Channel<NodeMessage> _incoming = Channel.CreateUnbounded<NodeMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private DataPlaneNode _node = new() { Id = "" };
    private long _applied;
    private string _appliedHash = "";
    private bool _needsSnapshot;
    private bool _holdsScopedView;
    private (string Nonce, long Version)? _inFlight;
    private long _lastRejected = -1;
    private NodeDeadlines _deadlines = null!;

    /// <param name="abort">Resets the stream: what frees a write to a node that stopped reading.</param>
    public async Task RunAsync(Hello hello, string? ip, IAsyncStreamReader<NodeMessage> requests, IServerStreamWriter<ControlPlaneMessage> responses,
        Action abort, CancellationToken cancellation)
    {
        _deadlines = new NodeDeadlines(options.Value, clock, abort, logger);
        var now = clock.GetUtcNow();
        _node = new DataPlaneNode
        {
            Id = hello.NodeId,
            Hostname = hello.Hostname,
            Ip = ip,
            Labels = new Dictionary<string, string>(hello.Labels),
            SoftwareVersion = hello.SoftwareVersion,
            AppliedVersion = (long)hello.AppliedVersion,
            ConfigHash = hello.AppliedHash,
            ConnectedAt = now,
            LastSeen = now,
            ControlPlane = options.Value.NodeName,
            SyncStatus = NodeSyncStatus.Syncing,
        };
        _applied = (long)hello.AppliedVersion;
        _appliedHash = hello.AppliedHash;
        if (_applied > store.Cached.Version)
        {
            // The node has seen a newer version (through another replica) than this one knows of yet.
            await store.GetCurrentAsync(cancellation);
        }
        _needsSnapshot = !await NodeResume.CanResumeAsync(store, _applied, _appliedHash, cancellation);
        if (_needsSnapshot && planner.HoldsLatestView(_node.Labels, _applied, _appliedHash))
        {
            _needsSnapshot = false;
            _holdsScopedView = true;
        }
        registry.Update(_node);
        LogConnected(logger, _node.Id, _node.Hostname, _applied, _needsSnapshot);

        await _deadlines.WriteAsync(responses, new ControlPlaneMessage
        {
            Welcome = new Welcome
            {
                ControlPlaneId = options.Value.NodeName,
                SoftwareVersion = SyncProtocol.SoftwareVersion,
                LatestVersion = (ulong)store.Cached.Version,
                HeartbeatIntervalMs = (uint)options.Value.HeartbeatIntervalMs,
            },
        }, _node.Id, cancellation);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var reader = ReadAsync(requests, stop.Token);
        try
        {
            await LoopAsync(responses, reader, stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            _node = _node with { SyncStatus = NodeSyncStatus.Disconnected, LastSeen = clock.GetUtcNow() };
            registry.Update(_node);
            LogDisconnected(logger, _node.Id, _applied);
        }
    }

    private async Task LoopAsync(IServerStreamWriter<ControlPlaneMessage> responses, Task reader, CancellationToken cancellation)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.HeartbeatIntervalMs);
        var known = store.Cached.Version;
        var changed = store.WaitForNewerThanAsync(known, cancellation);
        var message = _incoming.Reader.ReadAsync(cancellation).AsTask();
        var heartbeat = Task.Delay(interval, clock, cancellation);
        var holdsChanged = planner.HoldsChanged;
        while (!cancellation.IsCancellationRequested)
        {
            await SendConfigIfDueAsync(responses, cancellation);
            var done = await Task.WhenAny(changed, message, heartbeat, reader, holdsChanged);
            if (done == holdsChanged)
            {
                holdsChanged = planner.HoldsChanged;
                continue;
            }
            if (done == reader)
            {
                await reader; // surfaces the reason the node's side ended
                return;
            }
            if (done == changed)
            {
                await changed;
                known = store.Cached.Version;
                changed = store.WaitForNewerThanAsync(known, cancellation);
            }
            else if (done == message)
            {
                Handle(await message);
                message = _incoming.Reader.ReadAsync(cancellation).AsTask();
            }
            else
            {
                await heartbeat;
                _deadlines.ThrowIfOverdue(_node.Id, _inFlight?.Version);
                await _deadlines.WriteAsync(responses, new ControlPlaneMessage
                {
                    Heartbeat = new Heartbeat { SentAtUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds(), Version = (ulong)store.Cached.Version },
                }, _node.Id, cancellation);
                heartbeat = Task.Delay(interval, clock, cancellation);
            }
        }
    }

    private async Task ReadAsync(IAsyncStreamReader<NodeMessage> requests, CancellationToken cancellation)
    {
        try
        {
            while (await requests.MoveNext(cancellation))
            {
                await _incoming.Writer.WriteAsync(requests.Current, cancellation);
            }
        }
        finally
        {
            _incoming.Writer.TryComplete();
        }
    }

    private async Task SendConfigIfDueAsync(IServerStreamWriter<ControlPlaneMessage> responses, CancellationToken cancellation)
    {
        if (_inFlight is not null)
        {
            return;
        }
        // A hold keeps the node at its version, or at the one it serves if newer: never back.
        var (target, heldBy) = await planner.TargetAsync(_node.Labels, _applied, cancellation);
        NoteHold(heldBy, target);
        if (!_needsSnapshot && (_applied == target || target == _lastRejected))
        {
            return;
        }
        var state = await planner.StateAtAsync(target, cancellation);
        using var span = ControlPlaneTracing.StartSend(_node.Id, _applied, state.Version);
        var (view, scoped, messages) = await planner.PlanAsync(state, _node.Labels, _applied, _needsSnapshot, _holdsScopedView, cancellation);
        using var slot = messages is null ? await snapshots.EnterAsync(cancellation) : null;
        if (messages is null)
        {
            messages = planner.Snapshot(state, view, scoped);
            _holdsScopedView = scoped;
        }
        _needsSnapshot = false;
        var first = messages[0];
        span?.SetTag("hybridgateway.sync.kind", first.Snapshot is null ? "delta" : "snapshot");
        span?.SetTag("hybridgateway.sync.chunks", messages.Count);
        _inFlight = (first.Snapshot?.Nonce ?? first.Delta.Nonce, state.Version);
        foreach (var message in messages)
        {
            await _deadlines.WriteAsync(responses, message, _node.Id, cancellation);
        }
        _deadlines.ConfigSent();
        meter.Sent(first.Snapshot is null ? "delta" : "snapshot");
        _node = _node with { SyncStatus = NodeSyncStatus.Syncing, View = view.Key };
        registry.Update(_node);
        LogSent(logger, first.Snapshot is null ? "delta" : "snapshot", state.Version, _node.Id, messages.Count);
    }

    private void Handle(NodeMessage message)
    {
        _deadlines.Heard();
        var now = clock.GetUtcNow();
        _node = _node with { LastSeen = now };
        switch (message.KindCase)
        {
            case NodeMessage.KindOneofCase.Ack when _inFlight is { } sent && sent.Nonce == message.Ack.Nonce:
                _inFlight = null;
                _applied = (long)message.Ack.Version;
                _appliedHash = message.Ack.Hash;
                _node = _node with
                {
                    AppliedVersion = _applied,
                    ConfigHash = _appliedHash,
                    SyncStatus = _applied >= _node.TargetVersion ? NodeSyncStatus.InSync : NodeSyncStatus.Syncing,
                };
                LogAcked(logger, _node.Id, _applied);
                meter.Answered(_node.Id, "ack");
                break;
            case NodeMessage.KindOneofCase.Nack when _inFlight is { } sent && sent.Nonce == message.Nack.Nonce:
                _inFlight = null;
                _lastRejected = sent.Version;
                _applied = (long)message.Nack.AppliedVersion;
                var error = message.Nack.Error ?? new ConfigRejection();
                _node = _node with
                {
                    AppliedVersion = _applied,
                    SyncStatus = NodeSyncStatus.Nack,
                    LastNack = new NodeRejection
                    {
                        At = now,
                        RejectedVersion = sent.Version,
                        Code = error.Code,
                        Message = error.Message,
                        Entities = error.Entities.Select(e => e.Kind + "/" + e.Id + ": " + string.Join("; ", e.Messages)).ToArray(),
                    },
                };
                LogNacked(logger, _node.Id, sent.Version, error.Code, error.Message);
                meter.Answered(_node.Id, "nack");
                ControlPlaneTracing.Nack(_node.Id, sent.Version, error.Code, error.Message, error.Entities.Count);
                break;
            case NodeMessage.KindOneofCase.Resync:
                _inFlight = null;
                _applied = (long)message.Resync.AppliedVersion;
                _needsSnapshot = true;
                LogResync(logger, _node.Id, message.Resync.Reason);
                break;
            case NodeMessage.KindOneofCase.Heartbeat:
                _node = _node with { AppliedVersion = (long)message.Heartbeat.Version };
                break;
            case NodeMessage.KindOneofCase.TargetHealth:
                var (entries, refused) = NodeTargetHealth.Read(message.TargetHealth);
                if (refused is not null)
                {
                    LogHealthRefused(logger, _node.Id, refused);
                }
                else
                {
                    _node = _node with { TargetHealth = entries };
                }
                break;
        }
        registry.Update(_node);
    }

    /// <summary>Shows in the node's record which hold keeps it and the version it should serve.</summary>
    private void NoteHold(string? hold, long target)
    {
        if (_node.HeldBy != hold || _node.TargetVersion != target)
        {
            _node = _node with { HeldBy = hold, TargetVersion = target, SyncStatus = _applied >= target && _node.SyncStatus == NodeSyncStatus.Syncing ? NodeSyncStatus.InSync : _node.SyncStatus };
            registry.Update(_node);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Node {NodeId} ({Hostname}) connected at version {Version}; full snapshot needed: {Snapshot}")]
    private static partial void LogConnected(ILogger logger, string nodeId, string hostname, long version, bool snapshot);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Node {NodeId} disconnected at version {Version}")]
    private static partial void LogDisconnected(ILogger logger, string nodeId, long version);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Sent {Kind} of version {Version} to node {NodeId} in {Chunks} chunks")]
    private static partial void LogSent(ILogger logger, string kind, long version, string nodeId, int chunks);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Node {NodeId} applied version {Version}")]
    private static partial void LogAcked(ILogger logger, string nodeId, long version);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Node {NodeId} rejected version {Version}: {Code}: {Reason}")]
    private static partial void LogNacked(ILogger logger, string nodeId, long version, string code, string reason);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Warning, Message = "Node {Node} sent a target health report that was ignored: {Reason}")]
    private static partial void LogHealthRefused(ILogger logger, string node, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Node {NodeId} asked for a snapshot: {Reason}")]
    private static partial void LogResync(ILogger logger, string nodeId, string reason);
}
