using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.Prometheus;

/// <summary>AI metrics belong to Kong's AI plugins, which this gateway does not have.</summary>
public sealed class PrometheusConfigValidator : IPluginConfigValidator<PrometheusConfig>
{
    public void Validate(PrometheusConfig config, FieldErrors errors)
    {
        if (config.AiMetrics)
        {
            errors.Add("ai_metrics", "AI metrics are not supported");
        }
    }
}
