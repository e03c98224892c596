using System.Diagnostics;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.Sync;

namespace HybridGateway.DataPlane.Telemetry;

/// <summary>
/// One span per proxied request, only while something listens (an OTLP exporter is configured):
/// otherwise <see cref="Start"/> returns null and the request pays one check. The span continues
/// the client's W3C trace context and, being current while the request is forwarded, is what the
/// upstream receives as its parent (YARP's propagator replaces the client's headers with it).
/// </summary>
public static class ProxyTracing
{
    public const string SourceName = "HybridGateway.DataPlane";

    public static readonly ActivitySource Source = new(SourceName, SyncProtocol.SoftwareVersion);

    public static Activity? Start(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Source.HasListeners())
        {
            return null;
        }
        var headers = context.Request.Headers;
        ActivityContext.TryParse(headers.TraceParent.ToString(), headers.TraceState.ToString(), isRemote: true, out var parent);
        var activity = Source.StartActivity("proxy", ActivityKind.Server, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", context.Request.Method);
            activity.SetTag("client.address", context.Connection.RemoteIpAddress?.ToString());
            activity.SetTag("server.port", context.Connection.LocalPort);
        }
        return activity;
    }

    /// <summary>What the request turned out to be: route, service, consumer, upstream, status, retries, and the config version that served it.</summary>
    public static void Stop(Activity activity, HttpContext context, ProxyOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outcome);
        if (activity.IsAllDataRequested)
        {
            var status = context.Response.StatusCode;
            activity.DisplayName = outcome.Route?.Name is { } routeName ? context.Request.Method + " " + routeName : context.Request.Method;
            activity.SetTag("url.path", outcome.Path ?? context.Request.Path.Value);
            activity.SetTag("http.response.status_code", status);
            activity.SetTag("http.route", outcome.Route?.Name);
            activity.SetTag("hybridgateway.route.id", outcome.Route?.Id.ToString());
            activity.SetTag("hybridgateway.service.name", outcome.Service?.Service.Name);
            activity.SetTag("hybridgateway.service.id", outcome.Service?.Service.Id.ToString());
            activity.SetTag("hybridgateway.consumer.username", outcome.Consumer?.Username);
            activity.SetTag("hybridgateway.upstream", outcome.Upstream);
            activity.SetTag("hybridgateway.retries", Math.Max(0, outcome.Attempts - 1));
            activity.SetTag("hybridgateway.response.source", outcome.FromUpstream ? "service" : "gateway");
            activity.SetTag("hybridgateway.config.version", outcome.ConfigVersion);
            if (status >= 500)
            {
                // A server span is an error for 5xx only; 4xx are the client's (OpenTelemetry's HTTP conventions).
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
        activity.Dispose();
    }
}
