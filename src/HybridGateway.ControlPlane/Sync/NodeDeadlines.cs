using Grpc.Core;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.ControlPlane.Hosting;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>
/// The deadlines of one node's stream: each write within <c>SyncWriteTimeoutMs</c>, an answer to a
/// config within <c>ConfigAnswerTimeoutMs</c>, and something from the node every three heartbeat
/// intervals. A node past one is dropped (an <see cref="RpcException"/> ends its session).
/// </summary>
public sealed partial class NodeDeadlines(ControlPlaneOptions options, TimeProvider clock, Action abort, ILogger logger)
{
    private long _lastHeard = clock.GetTimestamp();
    private long _sentAt;

    /// <summary>The node sent something.</summary>
    public void Heard() => _lastHeard = clock.GetTimestamp();

    /// <summary>A whole config was written: its answer is due from now.</summary>
    public void ConfigSent() => _sentAt = clock.GetTimestamp();

    /// <summary>Drops the node when it has been silent for three heartbeat intervals, or has not answered <paramref name="awaited"/> in time.</summary>
    public void ThrowIfOverdue(string nodeId, long? awaited)
    {
        var silent = clock.GetElapsedTime(_lastHeard);
        var reason = silent > TimeSpan.FromMilliseconds(3.0 * options.HeartbeatIntervalMs)
            ? "sent nothing for " + (long)silent.TotalMilliseconds + " ms (three heartbeat intervals)"
            : awaited is { } version && clock.GetElapsedTime(_sentAt) > TimeSpan.FromMilliseconds(options.ConfigAnswerTimeoutMs)
                ? "did not answer version " + version + " within " + options.ConfigAnswerTimeoutMs + " ms"
                : null;
        if (reason is not null)
        {
            Drop(nodeId, reason);
        }
    }

    /// <summary>
    /// Writes one message within the write deadline. A node that stops reading cannot be waited
    /// out by a cancelled write (flow control holds it), so the stream is reset: the write fails at
    /// once and whatever the session held (a snapshot slot) is freed.
    /// </summary>
    public async Task WriteAsync(IServerStreamWriter<ControlPlaneMessage> responses, ControlPlaneMessage message, string nodeId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var stalled = false;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.SyncWriteTimeoutMs), clock))
        using (deadline.Token.Register(() =>
        {
            stalled = true;
            abort();
        }))
        {
            try
            {
                await responses.WriteAsync(message, cancellation);
            }
            catch (Exception e) when (stalled && e is not RpcException)
            {
                // Reported below.
            }
        }
        if (stalled)
        {
            Drop(nodeId, "did not read a message within " + options.SyncWriteTimeoutMs + " ms");
        }
    }

    private void Drop(string nodeId, string reason)
    {
        LogDropped(logger, nodeId, reason);
        throw new RpcException(new Status(StatusCode.DeadlineExceeded, reason));
    }

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Dropped node {NodeId}: it {Reason}")]
    private static partial void LogDropped(ILogger logger, string nodeId, string reason);
}
