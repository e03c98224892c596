using System.Security.Cryptography;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Pipeline.Logging;

namespace HybridGateway.DataPlane.Pipeline.OpenTelemetry;

/// <summary>How one instance propagates and samples, worked out from its config when it is compiled.</summary>
public sealed record OpenTelemetryPlan(
    IReadOnlyList<string> Extract,
    IReadOnlyList<string> Clear,
    IReadOnlyList<string> Inject,
    string DefaultFormat,
    double SamplingRate,
    string? TraceIdResponseHeader);

/// <summary>
/// opentelemetry, as Kong's. Access phase: reads the trace context in the configured formats,
/// clears the configured headers, decides sampling (the caller's sampled flag when it sent one,
/// else the sampling rate), makes this request's span id and writes the context upstream in the
/// configured formats ("preserve": the caller's format, else the default format), so that the
/// upstream's spans are children of the gateway's. Log phase: a sampled request's span, with
/// route, service, consumer, status and the config version that served it, goes to the queue.
/// </summary>
public sealed class OpenTelemetryHandler(Plugin plugin, OpenTelemetryPlan plan, LogQueue queue) : PluginHandler(plugin)
{
    public override bool HasLogPhase => true;

    public override ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http;
        var headers = http.Request.Headers;
        var incoming = plan.Extract.Count > 0 ? TraceHeaders.Extract(headers, plan.Extract) : null;
        foreach (var name in plan.Clear)
        {
            headers.Remove(name);
        }
        var traceId = incoming?.TraceId ?? RandomId(16);
        var spanId = RandomId(8);
        var sampled = incoming?.Sampled ?? (plan.SamplingRate >= 1 || (plan.SamplingRate > 0 && Random.Shared.NextDouble() < plan.SamplingRate));
        foreach (var format in plan.Inject)
        {
            var chosen = format == "preserve" ? incoming?.Format ?? plan.DefaultFormat : format;
            TraceHeaders.Inject(headers, chosen, traceId, spanId, incoming?.ParentSpanId, sampled, incoming?.TraceState);
        }
        if (plan.TraceIdResponseHeader is { } responseHeader)
        {
            http.Response.Headers[responseHeader] = Convert.ToHexStringLower(traceId);
        }
        if (sampled)
        {
            http.Features.Set(new SampledSpan(traceId, spanId, incoming?.ParentSpanId, incoming?.TraceState));
        }
        return ValueTask.FromResult(true);
    }

    public override void Log(HttpContext http, ProxyOutcome outcome, double totalMs)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(outcome);
        if (http.Features.Get<SampledSpan>() is not { } span)
        {
            return;
        }
        var end = DateTimeOffset.UtcNow;
        var endNano = (end.ToUnixTimeMilliseconds() * 1_000_000) + (end.Ticks % TimeSpan.TicksPerMillisecond * 100);
        var status = http.Response.StatusCode;
        queue.Add(OtlpSpanEncoder.Span(new PluginSpan(
            span.TraceId,
            span.SpanId,
            span.ParentSpanId,
            span.TraceState,
            "kong",
            endNano - (long)(totalMs * 1_000_000),
            endNano,
            [
                new("http.request.method", http.Request.Method),
                new("url.path", outcome.Path ?? http.Request.Path.Value),
                new("server.address", http.Request.Host.Host),
                new("url.scheme", http.Request.Scheme),
                new("network.protocol.version", http.Request.Protocol),
                new("client.address", (outcome.ClientAddress ?? http.Connection.RemoteIpAddress)?.ToString()),
                new("http.response.status_code", (long)status),
                new("http.route", outcome.Route?.Name),
                new("kong.route.id", outcome.Route?.Id.ToString()),
                new("kong.service.name", outcome.Service?.Service.Name),
                new("kong.service.id", outcome.Service?.Service.Id.ToString()),
                new("kong.consumer.username", outcome.Consumer?.Username),
                new("kong.upstream", outcome.Upstream),
                new("kong.response.source", outcome.FromUpstream ? "upstream" : "kong"),
                new("hybridgateway.retries", (long)Math.Max(0, outcome.Attempts - 1)),
                new("hybridgateway.config.version", outcome.ConfigVersion),
            ],
            status >= 500)));
    }

    private static byte[] RandomId(int length)
    {
        var id = new byte[length];
        do
        {
            RandomNumberGenerator.Fill(id);
        }
        while (id.AsSpan().IndexOfAnyExcept((byte)0) < 0);
        return id;
    }

    private sealed record SampledSpan(byte[] TraceId, byte[] SpanId, byte[]? ParentSpanId, string? TraceState);
}
