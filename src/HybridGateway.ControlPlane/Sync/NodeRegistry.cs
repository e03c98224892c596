using System.Collections.Concurrent;
using HybridGateway.ControlPlane.Hosting;
using Marten;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>
/// Node status, kept in memory by the sessions and written to PostgreSQL in small batches, so that
/// GET /clustering/data-planes on any replica lists the nodes of every replica.
/// </summary>
public sealed partial class NodeRegistry(IDocumentStore documents, IOptions<ControlPlaneOptions> options, TimeProvider clock, ILogger<NodeRegistry> logger) : BackgroundService
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);
    private DateTimeOffset _lastPurge;

    private readonly ConcurrentDictionary<string, DataPlaneNode> _pending = new();
    private readonly ConcurrentDictionary<string, DataPlaneNode> _live = new();
    private readonly SemaphoreSlim _flush = new(1, 1);

    /// <summary>The nodes whose streams this replica serves now, as last updated (read by the meters).</summary>
    public ICollection<DataPlaneNode> Live => _live.Values;

    public void Update(DataPlaneNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _pending[node.Id] = node;
        if (node.SyncStatus is NodeSyncStatus.Disconnected or NodeSyncStatus.Refused)
        {
            _live.TryRemove(node.Id, out _);
        }
        else
        {
            _live[node.Id] = node;
        }
    }

    public async Task<IReadOnlyList<DataPlaneNode>> ListAsync(CancellationToken cancellation)
    {
        await FlushAsync(cancellation);
        await using var session = documents.QuerySession();
        return await session.Query<DataPlaneNode>().OrderBy(n => n.Id).ToListAsync(cancellation);
    }

    public async Task FlushAsync(CancellationToken cancellation)
    {
        if (_pending.IsEmpty)
        {
            return;
        }
        await _flush.WaitAsync(cancellation);
        try
        {
            var batch = new List<DataPlaneNode>();
            foreach (var id in _pending.Keys)
            {
                if (_pending.TryRemove(id, out var node))
                {
                    batch.Add(node);
                }
            }
            if (batch.Count == 0)
            {
                return;
            }
            try
            {
                await using var session = documents.LightweightSession();
                session.Store(batch.ToArray());
                await session.SaveChangesAsync(cancellation);
            }
            catch
            {
                foreach (var node in batch)
                {
                    _pending.TryAdd(node.Id, node); // a newer status that arrived meanwhile wins
                }
                throw;
            }
        }
        finally
        {
            _flush.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                    await PurgeIfDueAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFlushFailed(logger, e.GetBaseException().Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        await FlushAsync(CancellationToken.None);
    }

    /// <summary>
    /// Deletes the records of nodes not seen for <c>DataPlanePurgeDelaySeconds</c> (Kong's
    /// cluster_data_plane_purge_delay), at most every tenth of that delay (and at most once a minute).
    /// </summary>
    private async Task PurgeIfDueAsync(CancellationToken cancellation)
    {
        var delay = TimeSpan.FromSeconds(options.Value.DataPlanePurgeDelaySeconds);
        var now = clock.GetUtcNow();
        var every = TimeSpan.FromTicks(Math.Min(delay.Ticks / 10, TimeSpan.FromMinutes(1).Ticks));
        if (now - _lastPurge < every)
        {
            return;
        }
        _lastPurge = now;
        var cutoff = now - delay;
        var live = _live.Keys.ToArray();
        await using var session = documents.LightweightSession();
        session.DeleteWhere<DataPlaneNode>(n => n.LastSeen < cutoff && !live.Contains(n.Id));
        await session.SaveChangesAsync(cancellation);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Could not store data-plane node status ({Reason}); will retry")]
    private static partial void LogFlushFailed(ILogger logger, string reason);
}
