using System.Diagnostics;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Health;
using HybridGateway.DataPlane.LoadBalancing;
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
public sealed class ProxyMiddleware(UpstreamForwarder upstreams, RuntimeHolder holder, TrustedProxies trusted, AccessLogWriter accessLog, ProxyMeter meter)
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
        string? upstreamPath = null;
        if (config.Plugins.For(route.Id) is { } chain)
        {
            outcome.Chain = chain;
            var pluginRequest = new PluginRequest(context, config, query, trustedPeer, trusted) { Route = route, Path = path, RegexMatch = matched.RegexMatch };
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
            upstreamPath = pluginRequest.UpstreamPath;
        }
        if (!service.HasDestinations)
        {
            await ProxyResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ProxyResponses.NoPeer);
            return;
        }
        context.Features.Set(new ProxyRequestFeature
        {
            UpstreamPathAndQuery = (upstreamPath ?? UpstreamPath.Build(service.Service.Path, path, matched.MatchedLength, route.StripPath, route.PathHandling)) + query,
            HostHeader = route.PreserveHost ? null : service.HostHeader,
            ClientPath = path,
            TrustedPeer = trustedPeer,
        });
        await upstreams.ForwardAsync(context, service, outcome, new BalanceRequest(context, path, outcome.Consumer, matched.RegexMatch, trusted, trustedPeer));
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
}
