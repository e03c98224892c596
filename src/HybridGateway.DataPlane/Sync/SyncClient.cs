using Grpc.Core;
using Grpc.Net.Client;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.DataPlane.Cache;
using HybridGateway.DataPlane.Health;
using HybridGateway.DataPlane.Hosting;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Runtime;
using HybridGateway.Sync;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.Sync;

/// <summary>
/// Keeps the node's stream to the control plane: Hello with the version being served, then apply
/// and answer every config, heartbeats both ways. When the stream breaks, the node keeps serving
/// what it has and reconnects with jittered exponential backoff, resuming from its version.
/// </summary>
public sealed partial class SyncClient(
    IOptions<DataPlaneOptions> options,
    ControlPlaneChannel channel,
    ConfigApplier applier,
    RuntimeHolder holder,
    CacheWriter cache,
    SyncStatus status,
    NodeIdentityProvider identity,
    PluginRuntimes plugins,
    HealthReporter health,
    TimeProvider clock,
    ILogger<SyncClient> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = new ConfigSync.ConfigSyncClient(channel.Channel);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunStreamAsync(client, () => failures = 0, stoppingToken);
                status.OnDisconnected("the control plane ended the stream");
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return; // stopping: the cancelled call ends as an RpcException(Cancelled), which is no failure
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong with this stream, the node keeps serving what it has and tries again.
                status.OnDisconnected(e.Message);
                LogStreamFailed(logger, options.Value.ControlPlane, e.Message);
            }
            failures++;
            var delay = ReconnectBackoff.Delay(options.Value, failures);
            LogReconnecting(logger, delay.TotalMilliseconds, holder.Current?.Version ?? 0);
            await Task.Delay(delay, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task RunStreamAsync(ConfigSync.ConfigSyncClient client, Action connected, CancellationToken stoppingToken)
    {
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = client.Stream(cancellationToken: stream.Token);
        var writer = new StreamWriter(call.RequestStream);
        var serving = holder.Current;
        var hello = new Hello
        {
            NodeId = identity.NodeId,
            Hostname = Environment.MachineName,
            SoftwareVersion = SyncProtocol.SoftwareVersion,
            ProtocolVersion = SyncProtocol.ProtocolVersion,
            AppliedVersion = (ulong)(serving?.Version ?? 0),
            AppliedHash = serving?.Hash ?? "",
        };
        hello.Labels.Add(options.Value.Labels);
        hello.Plugins.AddRange(plugins.Names);
        await writer.WriteAsync(new NodeMessage { Hello = hello }, stream.Token);

        var silence = TimeSpan.FromMilliseconds(3 * options.Value.HeartbeatIntervalMs);
        var ownInterval = options.Value.HeartbeatIntervalMs;
        stream.CancelAfter(silence);
        using var heartbeats = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.HeartbeatIntervalMs), clock);
        var heartbeatLoop = SendHeartbeatsAsync(writer, heartbeats, stream.Token);
        var healthLoop = health.RunAsync(writer.WriteAsync, stream.Token);
        var assembler = new ChunkAssembler();
        try
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync(stream.Token))
            {
                // Any message proves the control plane is alive; silence for three intervals ends the stream.
                stream.CancelAfter(silence);
                status.OnMessage();
                switch (message.KindCase)
                {
                    case ControlPlaneMessage.KindOneofCase.Welcome:
                        // The control plane says how often it speaks; never call it silent sooner than that.
                        silence = TimeSpan.FromMilliseconds(3 * Math.Max(ownInterval, message.Welcome.HeartbeatIntervalMs));
                        stream.CancelAfter(silence);
                        status.OnConnected(message.Welcome.ControlPlaneId);
                        connected();
                        LogConnected(logger, message.Welcome.ControlPlaneId, message.Welcome.LatestVersion, hello.AppliedVersion);
                        break;
                    case ControlPlaneMessage.KindOneofCase.Refused:
                        LogRefused(logger, message.Refused.Code, message.Refused.Reason);
                        throw new InvalidDataException("refused by the control plane: " + message.Refused.Code + ": " + message.Refused.Reason);
                    case ControlPlaneMessage.KindOneofCase.Snapshot:
                        await OnSnapshotAsync(message.Snapshot, assembler, writer, stream.Token);
                        break;
                    case ControlPlaneMessage.KindOneofCase.Delta:
                        await OnDeltaAsync(message.Delta, assembler, writer, stream.Token);
                        break;
                }
            }
        }
        finally
        {
            await stream.CancelAsync();
            await heartbeatLoop.ContinueWith(_ => { }, TaskScheduler.Default);
            await healthLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task OnSnapshotAsync(Snapshot chunk, ChunkAssembler assembler, StreamWriter writer, CancellationToken cancellation)
    {
        if (!await TryAssembleAsync(() => assembler.Add(chunk.Nonce, chunk.ChunkIndex, chunk.ChunkCount, chunk.Resources, []), writer, cancellation))
        {
            return;
        }
        var whole = new Snapshot { Nonce = chunk.Nonce, Version = chunk.Version, Hash = chunk.Hash, ChunkCount = 1 };
        whole.Resources.AddRange(assembler.Resources);
        assembler.Reset();
        await AnswerAsync(chunk.Nonce, applier.ApplySnapshot(whole, "control_plane"), writer, cancellation);
    }

    private async Task OnDeltaAsync(Delta chunk, ChunkAssembler assembler, StreamWriter writer, CancellationToken cancellation)
    {
        if (!await TryAssembleAsync(() => assembler.Add(chunk.Nonce, chunk.ChunkIndex, chunk.ChunkCount, chunk.Upserts, chunk.Removals), writer, cancellation))
        {
            return;
        }
        var outcome = applier.ApplyDelta(chunk, assembler.Resources.ToArray(), assembler.Removals.ToArray());
        assembler.Reset();
        await AnswerAsync(chunk.Nonce, outcome, writer, cancellation);
    }

    private async Task<bool> TryAssembleAsync(Func<bool> add, StreamWriter writer, CancellationToken cancellation)
    {
        try
        {
            return add();
        }
        catch (InvalidDataException e)
        {
            await RequestResyncAsync(e.Message, writer, cancellation);
            return false;
        }
    }

    private async Task AnswerAsync(string nonce, ApplyOutcome outcome, StreamWriter writer, CancellationToken cancellation)
    {
        if (outcome.Applied is { } config)
        {
            cache.Schedule(config);
            LogApplied(logger, config.Version, config.Hash);
            await writer.WriteAsync(new NodeMessage { Ack = new Ack { Nonce = nonce, Version = (ulong)config.Version, Hash = config.Hash } }, cancellation);
        }
        else if (outcome.Rejection is { } rejection)
        {
            var serving = holder.Current?.Version ?? 0;
            status.OnRejected(rejection.Code + ": " + rejection.Message);
            LogRejected(logger, rejection.Code, rejection.Message, serving);
            await writer.WriteAsync(new NodeMessage { Nack = new Nack { Nonce = nonce, AppliedVersion = (ulong)serving, Error = rejection } }, cancellation);
        }
        else
        {
            await RequestResyncAsync(outcome.ResyncReason!, writer, cancellation);
        }
    }

    private async Task RequestResyncAsync(string reason, StreamWriter writer, CancellationToken cancellation)
    {
        LogResync(logger, reason);
        await writer.WriteAsync(new NodeMessage { Resync = new ResyncRequest { Reason = reason, AppliedVersion = (ulong)(holder.Current?.Version ?? 0) } }, cancellation);
    }

    private async Task SendHeartbeatsAsync(StreamWriter writer, PeriodicTimer timer, CancellationToken cancellation)
    {
        while (await timer.WaitForNextTickAsync(cancellation))
        {
            await writer.WriteAsync(new NodeMessage
            {
                Heartbeat = new Heartbeat { SentAtUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds(), Version = (ulong)(holder.Current?.Version ?? 0) },
            }, cancellation);
        }
    }

    /// <summary>The request stream takes one writer at a time: answers and heartbeats take turns.</summary>
    private sealed class StreamWriter(IClientStreamWriter<NodeMessage> stream)
    {
        private readonly SemaphoreSlim _turn = new(1, 1);

        public async Task WriteAsync(NodeMessage message, CancellationToken cancellation)
        {
            await _turn.WaitAsync(cancellation);
            try
            {
                await stream.WriteAsync(message, cancellation);
            }
            finally
            {
                _turn.Release();
            }
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Connected to control plane {ControlPlane} (latest version {Latest}); serving version {Serving}")]
    private static partial void LogConnected(ILogger logger, string controlPlane, ulong latest, ulong serving);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Stream to the control plane at {Address} ended: {Reason}")]
    private static partial void LogStreamFailed(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Reconnecting in {DelayMs:0} ms; serving version {Version} meanwhile")]
    private static partial void LogReconnecting(ILogger logger, double delayMs, long version);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "The control plane refused this node: {Code}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string code, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Applied config version {Version} (hash {Hash})")]
    private static partial void LogApplied(ILogger logger, long version, string hash);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Refused a config ({Code}): {Reason}; still serving version {Version}")]
    private static partial void LogRejected(ILogger logger, string code, string reason, long version);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Asking the control plane for a snapshot: {Reason}")]
    private static partial void LogResync(ILogger logger, string reason);
}
