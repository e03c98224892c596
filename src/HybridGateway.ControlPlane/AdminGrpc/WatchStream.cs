using Grpc.Core;
using HybridGateway.Contracts.Admin.V1;
using HybridGateway.ControlPlane.AdminApi;
using HybridGateway.ControlPlane.Store;

namespace HybridGateway.ControlPlane.AdminGrpc;

/// <summary>
/// One watcher: config versions read from the event log at the watcher's own pace (from the version
/// it names, then as they are committed on any replica), interleaved with node status changes from
/// <see cref="NodeStatusFeed"/>. Its subscription ends with the call, however the call ends.
/// </summary>
public sealed class WatchStream(RestBridge bridge, ConfigStore store, NodeStatusFeed nodes)
{
    private const int Batch = 100;

    public async Task RunAsync(WatchRequest request, IServerStreamWriter<WatchEvent> stream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(context);
        await bridge.AuthenticateAsync(context);
        if (request.ConfigOnly && request.NodesOnly)
        {
            throw Messages.Invalid("config_only", "config_only and nodes_only exclude each other");
        }
        var cancellation = context.CancellationToken;
        var current = (await store.GetCurrentAsync(cancellation)).Version;
        if (request.HasFromVersion && (request.FromVersion < 0 || request.FromVersion > current))
        {
            throw Messages.Invalid("from_version", "must be between 0 and the current version, " + current);
        }
        var last = request.HasFromVersion ? request.FromVersion : current;
        using var open = nodes.Open();
        var queue = request.ConfigOnly ? null : nodes.Subscribe();
        try
        {
            // Headers first: the watcher knows it is subscribed before anything changes.
            await context.WriteResponseHeadersAsync([]);
            while (!cancellation.IsCancellationRequested)
            {
                if (!request.NodesOnly && store.Cached.Version > last)
                {
                    foreach (var e in await store.GetEventsAsync(last, Math.Min(store.Cached.Version, last + Batch), cancellation))
                    {
                        await stream.WriteAsync(new WatchEvent { Config = Messages.From<HistoryEntry>(ConfigAdmin.HistoryEntry(e)) }, cancellation);
                        last = e.Version;
                    }
                    continue;
                }
                while (queue is not null && queue.Reader.TryRead(out var change))
                {
                    await stream.WriteAsync(new WatchEvent { Node = change }, cancellation);
                }
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                var waits = new List<Task> { request.NodesOnly ? Task.Delay(Timeout.Infinite, wake.Token) : store.WaitForNewerThanAsync(last, wake.Token) };
                if (queue is not null)
                {
                    waits.Add(queue.Reader.WaitToReadAsync(wake.Token).AsTask());
                }
                var woke = await Task.WhenAny(waits);
                await wake.CancelAsync();
                if (woke.IsFaulted && woke.Exception?.GetBaseException() is WatcherFellBehindException behind)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted, behind.Message + "; watch again from version " + last));
                }
                await Task.WhenAll(waits).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The watcher went away.
        }
        finally
        {
            if (queue is not null)
            {
                nodes.Unsubscribe(queue);
            }
        }
    }
}
