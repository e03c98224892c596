using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.OpenTelemetry;

/// <summary>opentelemetry: a span per request, exported over OTLP/HTTP to the plugin's own endpoint; trace context read from and written to the request.</summary>
public sealed class OpenTelemetryDefinition : PluginDefinition<OpenTelemetryConfig, OpenTelemetryConfigValidator>
{
    public override string Name => "opentelemetry";

    public override int Priority => 14;
}
