using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using HybridGateway.Contracts.Admin.V1;
using HybridGateway.ControlPlane.Hosting;
using HybridGateway.ControlPlane.Sync;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.AdminGrpc;

/// <summary>
/// Data-plane status changes for watchers, across every replica: while anyone watches, the node
/// listing (the one /clustering/data-planes returns) is read every half second and compared with
/// the last; each change goes to every watcher's own bounded queue. A watcher whose queue is full
/// is ended, never waited for, so a slow watcher holds back no one.
/// </summary>
public sealed partial class NodeStatusFeed(NodeRegistry registry, Store.ConfigStore store, IOptions<ControlPlaneOptions> options, TimeProvider clock, ILogger<NodeStatusFeed> logger)
    : BackgroundService
{
    public const int QueueLength = 1024;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<Channel<NodeEvent>, byte> _watchers = new();
    private Dictionary<string, JsonObject>? _last;

    private int _streams;

    /// <summary>How many Watch calls are open now (on /status as admin.watchers).</summary>
    public int Watchers => Volatile.Read(ref _streams);

    /// <summary>Counts a Watch call for as long as the returned scope is not disposed.</summary>
    public IDisposable Open()
    {
        Interlocked.Increment(ref _streams);
        return new Closer(this);
    }

    private sealed class Closer(NodeStatusFeed feed) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                Interlocked.Decrement(ref feed._streams);
            }
        }
    }

    public Channel<NodeEvent> Subscribe()
    {
        var queue = Channel.CreateBounded<NodeEvent>(new BoundedChannelOptions(QueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _watchers[queue] = 0;
        return queue;
    }

    public void Unsubscribe(Channel<NodeEvent> queue) => _watchers.TryRemove(queue, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (_watchers.IsEmpty)
                {
                    _last = null; // the next watcher starts from a fresh listing
                    continue;
                }
                try
                {
                    Publish(await ReadAsync(stoppingToken));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogReadFailed(logger, e.GetBaseException().Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<Dictionary<string, JsonObject>> ReadAsync(CancellationToken cancellation)
    {
        var listing = await ClusteringEndpoints.DescribeAsync(registry, store, options.Value, clock, cancellation);
        return listing["data"]!.AsArray().OfType<JsonObject>().ToDictionary(n => n["id"]!.ToString());
    }

    private void Publish(Dictionary<string, JsonObject> now)
    {
        if (_last is null)
        {
            // The first listing since someone watches: what changes from here on is news.
            _last = now;
            return;
        }
        foreach (var (id, node) in now)
        {
            if (Event(_last.GetValueOrDefault(id), node) is { } kind)
            {
                Send(new NodeEvent { Event = kind, Node = Messages.From<DataPlane>(node) });
            }
        }
        _last = now;
    }

    /// <summary>What changed for a node, or null: connected, a new status, a new NACK, or a new lag.</summary>
    public static string? Event(JsonObject? before, JsonObject now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var status = now["sync_status"]!.ToString();
        var live = status is not (NodeSyncStatus.Disconnected or NodeSyncStatus.Refused);
        if (before is null || (before["sync_status"]!.ToString() is NodeSyncStatus.Disconnected or NodeSyncStatus.Refused && live))
        {
            return live ? "connected" : before is null ? null : status;
        }
        if (before["sync_status"]!.ToString() != status)
        {
            return status;
        }
        if (now["last_nack"]?["rejected_version"]?.ToString() != before["last_nack"]?["rejected_version"]?.ToString() && now["last_nack"] is not null)
        {
            return NodeSyncStatus.Nack;
        }
        return now["applied_version"]!.ToString() != before["applied_version"]!.ToString()
            || now["lag_versions"]!.ToString() != before["lag_versions"]!.ToString() ? "lag" : null;
    }

    internal void Send(NodeEvent change)
    {
        foreach (var queue in _watchers.Keys)
        {
            if (!queue.Writer.TryWrite(change))
            {
                // Full: this watcher fell behind. It is ended; the others carry on.
                queue.Writer.TryComplete(new WatcherFellBehindException());
                _watchers.TryRemove(queue, out _);
            }
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Could not read data-plane status for watchers ({Reason}); will retry")]
    private static partial void LogReadFailed(ILogger logger, string reason);
}

/// <summary>A watcher's queue of node events overflowed.</summary>
public sealed class WatcherFellBehindException() : Exception("the watcher fell " + NodeStatusFeed.QueueLength + " node events behind");
