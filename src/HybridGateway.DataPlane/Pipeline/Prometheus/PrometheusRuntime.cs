using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Metrics;
using HybridGateway.Plugins.Prometheus;

namespace HybridGateway.DataPlane.Pipeline.Prometheus;

/// <summary>prometheus on the data plane: its metrics are served at <c>/metrics</c> on the status port.</summary>
public sealed class PrometheusRuntime(KongMetrics metrics) : PluginRuntime<PrometheusDefinition, PrometheusConfig>
{
    protected override PluginHandler Compile(Plugin plugin, PrometheusConfig config) => new PrometheusHandler(plugin, config, metrics);
}
