using System.Diagnostics;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.RequestSizeLimiting;
using HybridGateway.DataPlane.Routing;
using HybridGateway.DataPlane.Runtime;
using HybridGateway.DataPlane.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;
using Route = HybridGateway.Configuration.Entities.Route;

namespace HybridGateway.DataPlane.Proxy;

/// <summary>
/// The proxy: one terminal middleware, no endpoint routing. Normalizes the path (before anything
/// that decides), matches a route in the compiled table, runs the route's plugin chain, builds the upstream path, and forwards
/// with YARP's forwarder, retrying only requests that are safe to repeat.
/// </summary>
public sealed partial class ProxyMiddleware(IHttpForwarder forwarder, RuntimeHolder holder, ForwardingTransformer transformer, TrustedProxies trusted, AccessLogWriter accessLog,
    ProxyMeter meter, Metrics.KongMetrics metrics, ILogger<ProxyMiddleware> logger)
{
    /// <summary>
    /// Proxies one request, then runs the log phase of its route's plugins (prometheus) and writes
    /// its access-log line, both from what <see cref="ProxyOutcome"/> gathered on the way.
    /// </summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var startedAt = accessLog.Enabled ? DateTime.UtcNow : default;
        var outcome = new ProxyOutcome();
        var activity = ProxyTracing.Start(context);
        try
        {
            await ProxyAsync(context, outcome);
        }
        finally
        {
            if (activity is not null)
            {
                ProxyTracing.Stop(activity, context, outcome);
            }
        }
        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (outcome.Chain is { LogHandlers.Length: > 0 } chain)
        {
            foreach (var handler in chain.LogHandlers)
            {
                handler.Log(context, outcome, total);
            }
        }
        meter.Record(context, outcome, total);
        if (!accessLog.Enabled)
        {
            return;
        }
        var request = context.Request;
        accessLog.Write(new AccessLogEntry(
            startedAt,
            context.Connection.RemoteIpAddress,
            request.Method,
            outcome.Path ?? request.Path.Value ?? "",
            context.Response.StatusCode,
            request.ContentLength,
            context.Response.ContentLength,
            total,
            outcome.UpstreamTicks > 0 ? outcome.UpstreamMs : null,
            outcome.Route,
            outcome.Service?.Service,
            outcome.Consumer,
            outcome.Upstream,
            outcome.ConfigVersion,
            context.TraceIdentifier));
    }

    private async Task ProxyAsync(HttpContext context, ProxyOutcome outcome)
    {
        var config = holder.Current;
        if (config is null)
        {
            await ProxyResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ProxyResponses.NotReady);
            return;
        }
        outcome.ConfigVersion = config.Version;
        if (!TrySplitTarget(context.Features.Get<IHttpRequestFeature>()!.RawTarget, out var rawPath, out var query)
            || PathNormalizer.Normalize(rawPath) is not { } path)
        {
            outcome.Chain = config.Plugins.Unmatched;
            await ProxyResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ProxyResponses.BadRequest);
            return;
        }
        outcome.Path = path;
        var request = context.Request;
        var match = config.Routes.Match(new RouteRequest(
            request.Method,
            request.Host.Host, // matched case-insensitively by the route table
            request.Host.Port ?? context.Connection.LocalPort,
            path,
            request.Headers,
            context.Features.Get<Microsoft.AspNetCore.Connections.Features.ITlsHandshakeFeature>()?.HostName));
        if (match is not { } matched)
        {
            outcome.Chain = config.Plugins.Unmatched;
            await ProxyResponses.WriteAsync(context, StatusCodes.Status404NotFound, ProxyResponses.NoRoute);
            return;
        }
        var route = matched.Route;
        outcome.Route = route;
        if (!request.IsHttps && !Allows(route, Protocols.Http) && Allows(route, Protocols.Https))
        {
            await RedirectToHttpsAsync(context, route, path, query);
            return;
        }
        if (route.Service is not { } serviceRef || !config.Services.TryGetValue(serviceRef.Id, out var service))
        {
            await ProxyResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ProxyResponses.NoService);
            return;
        }
        outcome.Service = service;
        var trustedPeer = trusted.Contains(context.Connection.RemoteIpAddress);
        if (config.Plugins.For(route.Id) is { } chain)
        {
            outcome.Chain = chain;
            var pluginRequest = new PluginRequest(context, config, query, trustedPeer, trusted) { Route = route, Path = path };
            var passed = await chain.AccessAsync(pluginRequest);
            outcome.Consumer = pluginRequest.Consumer;
            outcome.Redactions = pluginRequest.Redactions;
            if (chain.LogHandlers.Length > 0)
            {
                outcome.ClientAddress = pluginRequest.ClientAddress;
            }
            if (!passed)
            {
                return;
            }
            query = pluginRequest.Query;
        }
        if (!service.HasDestinations)
        {
            await ProxyResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ProxyResponses.NoPeer);
            return;
        }
        context.Features.Set(new ProxyRequestFeature
        {
            UpstreamPathAndQuery = UpstreamPath.Build(service.Service.Path, path, matched.MatchedLength, route.StripPath, route.PathHandling) + query,
            HostHeader = route.PreserveHost ? null : service.HostHeader,
            ClientPath = path,
            TrustedPeer = trustedPeer,
        });
        await ForwardAsync(context, service, outcome);
    }

    private async Task ForwardAsync(HttpContext context, ServiceRuntime service, ProxyOutcome outcome)
    {
        var attempts = 1 + (IsRepeatable(context.Request) ? service.Service.Retries : 0);
        for (var attempt = 1; ; attempt++)
        {
            var destination = service.NextDestination();
            var sent = Stopwatch.GetTimestamp();
            var error = await forwarder.SendAsync(context, destination, service.Client, service.RequestConfig, transformer);
            outcome.Upstream = destination;
            outcome.UpstreamTicks += Stopwatch.GetTimestamp() - sent;
            outcome.FromUpstream = error == ForwarderError.None;
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

    private static bool Allows(Route route, string protocol)
    {
        var protocols = route.Protocols;
        for (var i = 0; i < protocols.Count; i++)
        {
            if (protocols[i] == protocol)
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

    private static Task RedirectToHttpsAsync(HttpContext context, Route route, string path, string query)
    {
        if (route.HttpsRedirectStatusCode == StatusCodes.Status426UpgradeRequired)
        {
            return ProxyResponses.WriteAsync(context, StatusCodes.Status426UpgradeRequired, ProxyResponses.UseHttps);
        }
        context.Response.StatusCode = route.HttpsRedirectStatusCode;
        context.Response.Headers.Location = "https://" + context.Request.Host.Host + path + query;
        return Task.CompletedTask;
    }

    /// <summary>Splits the request target as sent on the wire into path and "?query" (absolute form allowed).</summary>
    private static bool TrySplitTarget(string target, out string path, out string query)
    {
        if (!target.StartsWith('/') && Uri.TryCreate(target, UriKind.Absolute, out var absolute))
        {
            target = absolute.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        }
        var mark = target.IndexOf('?', StringComparison.Ordinal);
        path = mark < 0 ? target : target[..mark];
        query = mark < 0 ? "" : target[mark..];
        return path.StartsWith('/');
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Upstream {Destination} failed ({Error}, attempt {Attempt}): {Reason}")]
    private static partial void LogUpstreamFailed(ILogger logger, string destination, string error, int attempt, string reason);
}
