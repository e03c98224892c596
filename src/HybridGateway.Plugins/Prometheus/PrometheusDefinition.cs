using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.Prometheus;

/// <summary>prometheus: request metrics exported on the data plane's status port.</summary>
public sealed class PrometheusDefinition : PluginDefinition<PrometheusConfig, PrometheusConfigValidator>
{
    public override string Name => "prometheus";

    public override int Priority => 13;

    public override PluginScopes Scopes => PluginScopes.NoConsumer;
}
