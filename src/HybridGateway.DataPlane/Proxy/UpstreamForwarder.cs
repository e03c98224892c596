using System.Diagnostics;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Health;
using HybridGateway.DataPlane.LoadBalancing;
using HybridGateway.DataPlane.Pipeline.RequestSizeLimiting;
using HybridGateway.DataPlane.Runtime;
using Yarp.ReverseProxy.Forwarder;

namespace HybridGateway.DataPlane.Proxy;

/// <summary>
/// Sends a matched request to its service: picks the target (the upstream's balancer), forwards
/// with YARP, tells the balancer how the try went, and retries on another target only what is
/// safe to repeat and never reached the upstream.
/// </summary>
public sealed partial class UpstreamForwarder(IHttpForwarder forwarder, ForwardingTransformer transformer, Metrics.KongMetrics metrics, ILogger<UpstreamForwarder> logger)
{
    public async Task ForwardAsync(HttpContext context, ServiceRuntime service, ProxyOutcome outcome, BalanceRequest balance)
    {
        var attempts = 1 + (IsRepeatable(context.Request) ? service.Service.Retries : 0);
        var balancer = service.Upstream;
        BalancedTarget? target = null;
        for (var attempt = 1; ; attempt++)
        {
            string destination;
            if (balancer is null)
            {
                destination = service.FixedDestination;
            }
            else if ((target = balancer.Pick(balance, target)) is null)
            {
                // Every target is down (after a failed try, the one tried may be down too now).
                await ProxyResponses.WriteAsync(context, attempt == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
                    attempt == 1 ? ProxyResponses.NoPeer : ProxyResponses.BadGateway);
                return;
            }
            else
            {
                destination = service.Https ? target.HttpsPrefix : target.HttpPrefix;
                target.State.Started();
            }
            var sent = Stopwatch.GetTimestamp();
            ForwarderError error;
            try
            {
                error = await forwarder.SendAsync(context, destination, service.Client, service.RequestConfig, transformer);
            }
            finally
            {
                target?.State.Finished();
            }
            var elapsed = Stopwatch.GetTimestamp() - sent;
            outcome.Upstream = destination;
            outcome.UpstreamTicks += elapsed;
            outcome.FromUpstream = error == ForwarderError.None;
            if (target is not null)
            {
                Report(balancer!, target, error, context.Response.StatusCode, elapsed);
            }
            outcome.Attempts = attempt;
            if (error == ForwarderError.None)
            {
                return;
            }
            if (error is not (ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient))
            {
                // One line, no stack trace (YARP's own, with one, is silenced in the shipped settings), and a counter.
                var reason = context.Features.Get<IForwarderErrorFeature>()?.Exception is { } e ? e.GetBaseException().Message : error.ToString();
                metrics.UpstreamErrors.WithLabels(service.Service.Name ?? service.Service.Id.ToString(), error.ToString()).Inc();
                LogUpstreamFailed(logger, destination, error.ToString(), attempt, reason);
            }
            if (context.Response.HasStarted)
            {
                return;
            }
            if (error == ForwarderError.Request && attempt < attempts && !context.RequestAborted.IsCancellationRequested)
            {
                // Nothing reached the upstream and the request can be sent again: try the next target.
                context.Features.Set<IForwarderErrorFeature>(null);
                context.Response.StatusCode = StatusCodes.Status200OK;
                continue;
            }
            switch (error)
            {
                case ForwarderError.RequestTimedOut:
                    await ProxyResponses.WriteAsync(context, StatusCodes.Status504GatewayTimeout, ProxyResponses.GatewayTimeout);
                    return;
                case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled:
                    return; // the client went away
                case ForwarderError.RequestBodyClient:
                    // The client's body broke off or broke a limit (request-size-limiting on a chunked body).
                    var tooLarge = IsBodyTooLarge(context.Features.Get<IForwarderErrorFeature>()?.Exception);
                    await ProxyResponses.WriteAsync(context, tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                        tooLarge ? RequestSizeLimitingHandler.TooLarge : ProxyResponses.BadRequest);
                    return;
                default:
                    await ProxyResponses.WriteAsync(context, StatusCodes.Status502BadGateway, ProxyResponses.BadGateway);
                    return;
            }
        }
    }

    /// <summary>What the try says about its target: its response time (latency balancing) and, under passive checks, its health.</summary>
    private static void Report(UpstreamBalancer balancer, BalancedTarget target, ForwarderError error, int status, long elapsedTicks)
    {
        if (error == ForwarderError.None)
        {
            target.State.RecordLatency(elapsedTicks * 1000.0 / Stopwatch.Frequency);
        }
        if (balancer.Health.PassiveEnabled)
        {
            balancer.ReportPassive(target, PassiveReports.From(error, status, balancer.Health));
        }
    }

    /// <summary>Whether the server refused to read more of the body (its limit), however the forwarder wrapped that.</summary>
    private static bool IsBodyTooLarge(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Only requests that are safe to send twice are retried: idempotent methods without a body.</summary>
    private static bool IsRepeatable(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
         || HttpMethods.IsTrace(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsDelete(request.Method))
        && request.ContentLength is null or 0
        && !request.Headers.ContainsKey("Transfer-Encoding");

    [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Upstream {Destination} failed ({Error}, attempt {Attempt}): {Reason}")]
    private static partial void LogUpstreamFailed(ILogger logger, string destination, string error, int attempt, string reason);
}
