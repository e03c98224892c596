using System.Threading.Channels;
using Grpc.Core;
using HybridGateway.Contracts.RateLimit.V1;
using HybridGateway.ControlPlane.Hosting;
using HybridGateway.ControlPlane.Sync;
using HybridGateway.Hosting;
using HybridGateway.Plugins.RateLimiting;
using HybridGateway.RateLimiting;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.Counters;

/// <summary>
/// The cluster port's lease endpoint: a node's asks go to the counter grains (wherever in the
/// Orleans cluster they live) and their grants come back on one writer, batched. A node names
/// itself in the <c>hgw-node-id</c> header; with mTLS that must be its certificate's name.
/// </summary>
public sealed partial class RateLimitLeaseService(
    IGrainFactory grains,
    IOptions<ControlPlaneOptions> options,
    LeaseServiceStats stats,
    ILogger<RateLimitLeaseService> logger) : RateLimitLeases.RateLimitLeasesBase
{
    /// <summary>Asks a node may have unanswered at once; a node asks once per counter, so this is far above normal use.</summary>
    public const int MaxAsksInFlight = 100_000;

    private const int MaxCounterName = 256;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private const int Attempts = 4;

    public override async Task Lease(IAsyncStreamReader<LeaseBatch> requestStream, IServerStreamWriter<GrantBatch> responseStream, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (ListenerTags.Of(http) != Listeners.Cluster)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "leases are served on the cluster port only"));
        }
        var node = context.RequestHeaders.GetValue("hgw-node-id") ?? "";
        if (NodeIdentity.Refusal(node, http, options.Value.ClusterTls.IsConfigured) is { } refusal)
        {
            LogRefused(logger, refusal);
            throw new RpcException(new Status(StatusCode.PermissionDenied, refusal));
        }
        await context.WriteResponseHeadersAsync([]);
        stats.OnStreamOpened();
        var grants = Channel.CreateUnbounded<LeaseGrant>(new UnboundedChannelOptions { SingleReader = true });
        var inFlight = 0;
        var writer = WriteGrantsAsync(grants.Reader, responseStream, context.CancellationToken);
        try
        {
            await foreach (var batch in requestStream.ReadAllAsync(context.CancellationToken))
            {
                foreach (var returned in batch.Returns)
                {
                    _ = ReturnAsync(node, returned);
                }
                foreach (var ask in batch.Asks)
                {
                    if (Interlocked.Increment(ref inFlight) > MaxAsksInFlight)
                    {
                        throw new RpcException(new Status(StatusCode.ResourceExhausted, "more than " + MaxAsksInFlight + " asks unanswered"));
                    }
                    _ = AnswerAsync(node, ask, grants.Writer, () => Interlocked.Decrement(ref inFlight));
                }
            }
        }
        finally
        {
            stats.OnStreamClosed();
            grants.Writer.TryComplete();
            await writer.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Why an ask cannot be served, or null.</summary>
    public static string? Invalid(LeaseAsk ask)
    {
        ArgumentNullException.ThrowIfNull(ask);
        if (ask.Counter.Length is 0 or > MaxCounterName)
        {
            return "counter: must be 1 to " + MaxCounterName + " characters";
        }
        if (RateLimitWindow.Find(ask.Window) is null)
        {
            return "window: must be one of second, minute, hour, day, month, year";
        }
        if (ask.Limit < 0 || ask.Tokens < 0 || ask.HeldInPeriod < 0)
        {
            return "limit, tokens and held_in_period must not be negative";
        }
        return null;
    }

    private async Task AnswerAsync(string node, LeaseAsk ask, ChannelWriter<LeaseGrant> grants, Action done)
    {
        try
        {
            if (Invalid(ask) is { } invalid)
            {
                grants.TryWrite(new LeaseGrant { AskId = ask.AskId, Error = "bad_ask: " + invalid });
                return;
            }
            var counter = grains.GetGrain<ICounterGrain>(ask.Window + ":" + ask.Counter);
            var request = new CounterAsk(node, ask.Window, ask.Limit, ask.Tokens, ask.PeriodStartUnixMs, ask.HeldInPeriod, Math.Clamp(ask.KnownNodes, 1, 100_000));
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var grant = await counter.Lease(request);
                    stats.OnGranted(grant.Tokens);
                    grants.TryWrite(new LeaseGrant
                    {
                        AskId = ask.AskId,
                        Tokens = grant.Tokens,
                        Remaining = grant.Remaining,
                        PeriodStartUnixMs = grant.PeriodStartUnixMs,
                        TtlMs = grant.TtlMs,
                        LiveNodes = grant.LiveNodes,
                    });
                    return;
                }
                catch (Exception e) when (attempt < Attempts && e is not OperationCanceledException)
                {
                    // The silo holding the counter may just have died: the counter reactivates elsewhere.
                    await Task.Delay(RetryDelay);
                }
                catch (Exception e)
                {
                    stats.OnFailed();
                    LogCounterFailed(logger, e.Message);
                    grants.TryWrite(new LeaseGrant { AskId = ask.AskId, Error = "counters_unavailable" });
                    return;
                }
            }
        }
        finally
        {
            done();
        }
    }

    private async Task ReturnAsync(string node, LeaseReturn returned)
    {
        if (returned.Counter.Length is 0 or > MaxCounterName || RateLimitWindow.Find(returned.Window) is null || returned.Tokens <= 0)
        {
            return;
        }
        try
        {
            await grains.GetGrain<ICounterGrain>(returned.Window + ":" + returned.Counter).Return(new CounterReturn(node, returned.PeriodStartUnixMs, returned.Tokens));
            stats.OnReturned(returned.Tokens);
        }
        catch (Exception e)
        {
            // Best effort: tokens not returned are only not reused in this period.
            LogCounterFailed(logger, e.Message);
        }
    }

    private static async Task WriteGrantsAsync(ChannelReader<LeaseGrant> grants, IServerStreamWriter<GrantBatch> stream, CancellationToken cancellation)
    {
        while (await grants.WaitToReadAsync(cancellation))
        {
            var batch = new GrantBatch();
            while (batch.Grants.Count < 512 && grants.TryRead(out var grant))
            {
                batch.Grants.Add(grant);
            }
            await stream.WriteAsync(batch, cancellation);
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Refused a lease stream: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "A rate-limit counter could not be reached: {Reason}")]
    private static partial void LogCounterFailed(ILogger logger, string reason);
}
