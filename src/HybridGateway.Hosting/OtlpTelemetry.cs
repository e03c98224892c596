using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HybridGateway.Hosting;

/// <summary>What a host exports over OTLP: who it is, and its activity sources and meters.</summary>
public sealed record OtlpTelemetrySetup
{
    public required string ServiceName { get; init; }

    public required string Role { get; init; }

    public required string ServiceVersion { get; init; }

    public string? InstanceId { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> ActivitySources { get; init; } = [];

    public IReadOnlyList<string> Meters { get; init; } = [];
}

/// <summary>
/// OpenTelemetry for both planes, configured the standard way: the SDK reads
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or the per-signal <c>_TRACES_</c>/<c>_METRICS_ENDPOINT</c>),
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (grpc or http/protobuf), <c>OTEL_EXPORTER_OTLP_HEADERS</c>,
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>, <c>OTEL_TRACES_SAMPLER</c>/<c>_ARG</c>,
/// <c>OTEL_BSP_*</c> and <c>OTEL_METRIC_EXPORT_INTERVAL</c>. A signal whose endpoint is not set is
/// not registered at all: no listener, no span, no measurement, no cost.
/// </summary>
public static class OtlpTelemetry
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string TracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public const string MetricsEndpointVariable = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";

    public static bool ExportsTraces(IConfiguration configuration) => IsSet(configuration, EndpointVariable) || IsSet(configuration, TracesEndpointVariable);

    public static bool ExportsMetrics(IConfiguration configuration) => IsSet(configuration, EndpointVariable) || IsSet(configuration, MetricsEndpointVariable);

    public static WebApplicationBuilder AddOtlpTelemetry(this WebApplicationBuilder builder, OtlpTelemetrySetup setup)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(setup);
        var traces = ExportsTraces(builder.Configuration);
        var metrics = ExportsMetrics(builder.Configuration);
        if (!traces && !metrics)
        {
            return builder;
        }
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            resource.AddService(setup.ServiceName, serviceVersion: setup.ServiceVersion, serviceInstanceId: setup.InstanceId);
            var attributes = new Dictionary<string, object> { ["hybridgateway.role"] = setup.Role };
            if (!string.IsNullOrEmpty(setup.InstanceId))
            {
                attributes["hybridgateway.node.id"] = setup.InstanceId;
            }
            foreach (var (label, value) in setup.Labels)
            {
                attributes[label switch { "region" => "cloud.region", "zone" => "cloud.availability_zone", "cloud" => "cloud.provider", _ => "hybridgateway.label." + label }] = value;
            }
            resource.AddAttributes(attributes);
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, when set, win over the defaults above.
            resource.AddEnvironmentVariableDetector();
        });
        if (traces)
        {
            otel.WithTracing(tracing =>
            {
                foreach (var source in setup.ActivitySources)
                {
                    tracing.AddSource(source);
                }
                tracing.AddOtlpExporter();
            });
        }
        if (metrics)
        {
            otel.WithMetrics(meters =>
            {
                foreach (var meter in setup.Meters)
                {
                    meters.AddMeter(meter);
                }
                meters.AddOtlpExporter();
            });
        }
        return builder;
    }

    private static bool IsSet(IConfiguration configuration, string variable) => !string.IsNullOrWhiteSpace(configuration[variable]);
}
