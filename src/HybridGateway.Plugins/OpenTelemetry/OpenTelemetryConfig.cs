using HybridGateway.Configuration.Schema;
using HybridGateway.Plugins.Logging;

namespace HybridGateway.Plugins.OpenTelemetry;

/// <summary>
/// opentelemetry's config, with Kong's defaults: spans go to <c>traces_endpoint</c> over OTLP/HTTP
/// (protobuf), batched by the queue (200 spans by default). <c>endpoint</c>, <c>batch_span_count</c>,
/// <c>batch_flush_delay</c> and <c>header_type</c> are Kong's deprecated fields.
/// </summary>
public sealed record OpenTelemetryConfig
{
    public string? TracesEndpoint { get; init; }

    public string? LogsEndpoint { get; init; }

    /// <summary>Deprecated: traces_endpoint.</summary>
    public string? Endpoint { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public IReadOnlyDictionary<string, string>? ResourceAttributes { get; init; }

    public QueueConfig Queue { get; init; } = new() { MaxBatchSize = 200 };

    public int? BatchSpanCount { get; init; }

    public int? BatchFlushDelay { get; init; }

    [Between(0, 2_147_483_646)]
    public int ConnectTimeout { get; init; } = 1000;

    [Between(0, 2_147_483_646)]
    public int SendTimeout { get; init; } = 5000;

    [Between(0, 2_147_483_646)]
    public int ReadTimeout { get; init; } = 5000;

    public string? HttpResponseHeaderForTraceid { get; init; }

    [OneOf("preserve", "ignore", "b3", "b3-single", "w3c", "jaeger", "ot", "aws", "gcp", "datadog")]
    public string HeaderType { get; init; } = "preserve";

    [Between(0, 1)]
    public double? SamplingRate { get; init; }

    public OpenTelemetryPropagation Propagation { get; init; } = new();
}
