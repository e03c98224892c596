using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using HybridGateway.Contracts.RateLimit.V1;
using HybridGateway.DataPlane.Hosting;
using HybridGateway.DataPlane.Sync;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>
/// The node's one lease stream to the control plane's counters, on the cluster port with the sync
/// stream's channel and identity. Asks and returns for every key share it and go out in batches;
/// grants come back in batches. While the stream is down, asks fail at once (the instances fall
/// back as configured) and the stream is reopened with jittered backoff.
/// </summary>
public sealed partial class LeaseClient(
    ControlPlaneChannel channel,
    NodeIdentityProvider identity,
    IOptions<DataPlaneOptions> options,
    TimeProvider clock,
    ILogger<LeaseClient> logger) : BackgroundService, ILeaseSource
{
    /// <summary>The metadata header that names the node on the lease stream.</summary>
    public const string NodeIdHeader = "hgw-node-id";

    private const int MaxBatch = 512;

    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<LeaseGrant?>> _pending = new();
    private readonly Channel<LeaseAsk> _asks = Channel.CreateUnbounded<LeaseAsk>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<LeaseReturn> _returns = Channel.CreateUnbounded<LeaseReturn>(new UnboundedChannelOptions { SingleReader = true });
    private long _nextId;
    private volatile bool _available;

    public string NodeId => identity.NodeId;

    public bool Available => _available;

    public async Task<LeaseGrant?> AskAsync(LeaseAsk ask)
    {
        ArgumentNullException.ThrowIfNull(ask);
        if (!_available)
        {
            return null;
        }
        ask.AskId = (ulong)Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<LeaseGrant?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[ask.AskId] = answer;
        _asks.Writer.TryWrite(ask);
        var timeout = TimeSpan.FromMilliseconds(options.Value.RateLimitLeaseTimeoutMs);
        try
        {
            return await answer.Task.WaitAsync(timeout, clock);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _pending.TryRemove(ask.AskId, out _);
        }
    }

    public void Return(LeaseReturn returned)
    {
        if (_available)
        {
            _returns.Writer.TryWrite(returned);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = new RateLimitLeases.RateLimitLeasesClient(channel.Channel);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunStreamAsync(client, () => failures = 0, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return; // stopping: the cancelled call ends as an RpcException(Cancelled), which is no failure
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The counters are out of reach: instances fall back by their config until the stream is back.
                LogStreamFailed(logger, e.Message);
            }
            finally
            {
                Disconnect();
            }
            failures++;
            await Task.Delay(ReconnectBackoff.Delay(options.Value, failures), clock, stoppingToken)
                .ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task RunStreamAsync(RateLimitLeases.RateLimitLeasesClient client, Action connected, CancellationToken stoppingToken)
    {
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var headers = new Metadata { { NodeIdHeader, identity.NodeId } };
        using var call = client.Lease(headers, cancellationToken: stream.Token);
        await call.ResponseHeadersAsync;
        _available = true;
        connected();
        LogConnected(logger);
        var sending = SendAsync(call.RequestStream, stream.Token);
        try
        {
            await foreach (var batch in call.ResponseStream.ReadAllAsync(stream.Token))
            {
                foreach (var grant in batch.Grants)
                {
                    if (_pending.TryGetValue(grant.AskId, out var answer))
                    {
                        answer.TrySetResult(grant);
                    }
                }
            }
        }
        finally
        {
            _available = false;
            await stream.CancelAsync();
            await sending.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Sends what is waiting as one batch, then waits for more.</summary>
    private async Task SendAsync(IClientStreamWriter<LeaseBatch> writer, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            var asksReady = _asks.Reader.WaitToReadAsync(cancellation).AsTask();
            var returnsReady = _returns.Reader.WaitToReadAsync(cancellation).AsTask();
            await Task.WhenAny(asksReady, returnsReady);
            var batch = new LeaseBatch();
            while (batch.Asks.Count < MaxBatch && _asks.Reader.TryRead(out var ask))
            {
                batch.Asks.Add(ask);
            }
            while (batch.Returns.Count < MaxBatch && _returns.Reader.TryRead(out var returned))
            {
                batch.Returns.Add(returned);
            }
            if (batch.Asks.Count > 0 || batch.Returns.Count > 0)
            {
                await writer.WriteAsync(batch, cancellation);
            }
        }
    }

    /// <summary>Every ask in flight fails now; what was queued for the old stream is dropped.</summary>
    private void Disconnect()
    {
        _available = false;
        while (_asks.Reader.TryRead(out _))
        {
        }
        while (_returns.Reader.TryRead(out _))
        {
        }
        foreach (var (id, answer) in _pending)
        {
            answer.TrySetResult(null);
            _pending.TryRemove(id, out _);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Rate-limit lease stream to the control plane is up")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Rate-limit lease stream ended: {Reason}; rate-limiting instances use their fallback until it is back")]
    private static partial void LogStreamFailed(ILogger logger, string reason);
}
