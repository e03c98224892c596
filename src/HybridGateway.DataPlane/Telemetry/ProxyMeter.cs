using System.Diagnostics;
using System.Diagnostics.Metrics;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Hosting;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.Telemetry;

/// <summary>
/// The per-request OpenTelemetry metrics (meter <c>HybridGateway.DataPlane</c>): requests, the three
/// latencies, bandwidth, upstream errors and retries, by service, route, status class and, with
/// <c>DataPlane:MetricsPerConsumer</c>, consumer. Exported over OTLP only when an endpoint is set;
/// otherwise nothing listens and a request pays one check.
/// </summary>
public sealed class ProxyMeter
{
    public const string MeterName = "HybridGateway.DataPlane";

    private static readonly string[] StatusClasses = ["1xx", "1xx", "2xx", "3xx", "4xx", "5xx"];

    private readonly bool _perConsumer;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _total;
    private readonly Histogram<double> _upstream;
    private readonly Histogram<double> _gateway;
    private readonly Counter<long> _bandwidth;
    private readonly Counter<long> _upstreamErrors;
    private readonly Counter<long> _retries;

    public ProxyMeter(IMeterFactory meters, IOptions<DataPlaneOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _perConsumer = options?.Value.MetricsPerConsumer ?? false;
        var meter = meters.Create(MeterName, HybridGateway.Sync.SyncProtocol.SoftwareVersion);
        _requests = meter.CreateCounter<long>("hybridgateway.requests", "{request}", "Requests answered, by service, route, status class and source");
        _total = meter.CreateHistogram<double>("hybridgateway.request.duration", "ms", "From the request's arrival until its response was sent");
        _upstream = meter.CreateHistogram<double>("hybridgateway.upstream.duration", "ms", "Time spent forwarding to the upstream, over every attempt");
        _gateway = meter.CreateHistogram<double>("hybridgateway.gateway.duration", "ms", "Time the gateway itself added: routing, plugins, queuing");
        _bandwidth = meter.CreateCounter<long>("hybridgateway.bandwidth", "By", "Body bytes with a known Content-Length, by direction (ingress, egress)");
        _upstreamErrors = meter.CreateCounter<long>("hybridgateway.upstream.errors", "{attempt}", "Attempts to an upstream that got no response");
        _retries = meter.CreateCounter<long>("hybridgateway.upstream.retries", "{attempt}", "Attempts beyond the first");
    }

    public void Record(HttpContext http, ProxyOutcome outcome, double totalMs)
    {
        if (!_requests.Enabled)
        {
            return;
        }
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(outcome);
        var service = outcome.Service?.Service.Name ?? "";
        var route = outcome.Route is { } r ? r.Name ?? r.Id.ToString() : "";
        var status = http.Response.StatusCode;
        var tags = new TagList
        {
            { "hybridgateway.service", service },
            { "hybridgateway.route", route },
            { "http.response.status_class", StatusClasses[Math.Clamp(status / 100, 0, 5)] },
            { "hybridgateway.response.source", outcome.FromUpstream ? "service" : "gateway" },
        };
        if (_perConsumer)
        {
            tags.Add("hybridgateway.consumer", outcome.Consumer?.Username ?? "");
        }
        _requests.Add(1, tags);
        _total.Record(totalMs, tags);
        if (outcome.UpstreamTicks > 0)
        {
            var upstream = outcome.UpstreamMs;
            _upstream.Record(upstream, tags);
            _gateway.Record(Math.Max(0, totalMs - upstream), tags);
        }
        else
        {
            _gateway.Record(totalMs, tags);
        }
        var where = new TagList { { "hybridgateway.service", service }, { "hybridgateway.route", route } };
        if (http.Request.ContentLength is long ingress and > 0)
        {
            var direction = where;
            direction.Add("direction", "ingress");
            _bandwidth.Add(ingress, direction);
        }
        if (http.Response.ContentLength is long egress and > 0)
        {
            var direction = where;
            direction.Add("direction", "egress");
            _bandwidth.Add(egress, direction);
        }
        var failed = outcome.Attempts - (outcome.FromUpstream ? 1 : 0);
        if (failed > 0)
        {
            _upstreamErrors.Add(failed, where);
        }
        if (outcome.Attempts > 1)
        {
            _retries.Add(outcome.Attempts - 1, where);
        }
    }
}
