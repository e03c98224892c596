using HybridGateway.DataPlane.Hosting;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HybridGateway.DataPlane.Telemetry;

/// <summary>
/// OpenTelemetry, configured the standard way: with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set (and
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>,
/// <c>OTEL_TRACES_SAMPLER</c>/<c>_ARG</c>, read by the SDK itself), spans go out over OTLP. Without
/// an endpoint, nothing is registered: no listener, no span, no cost.
/// </summary>
public static class TelemetryServices
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration[EndpointVariable]) && string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]))
        {
            return builder;
        }
        var options = builder.Configuration.GetSection(DataPlaneOptions.Section).Get<DataPlaneOptions>() ?? new DataPlaneOptions();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                resource.AddService("hybridgateway-data-plane", serviceVersion: HybridGateway.Sync.SyncProtocol.SoftwareVersion, serviceInstanceId: options.NodeId);
                var attributes = new Dictionary<string, object> { ["hybridgateway.role"] = "data_plane" };
                if (!string.IsNullOrEmpty(options.NodeId))
                {
                    attributes["hybridgateway.node.id"] = options.NodeId;
                }
                foreach (var (label, value) in options.Labels)
                {
                    attributes[label switch { "region" => "cloud.region", "zone" => "cloud.availability_zone", "cloud" => "cloud.provider", _ => "hybridgateway.label." + label }] = value;
                }
                resource.AddAttributes(attributes);
                // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, when set, win over the defaults above.
                resource.AddEnvironmentVariableDetector();
            })
            // System.Net.Http's own client span for each upstream attempt: the upstream's parent,
            // itself the child of the proxy's server span.
            .WithTracing(tracing => tracing.AddSource(ProxyTracing.SourceName).AddSource("System.Net.Http").AddOtlpExporter());
        return builder;
    }
}
