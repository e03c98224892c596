using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.CorrelationId;

/// <summary>correlation-id: tags each request with a unique id header.</summary>
public sealed class CorrelationIdDefinition : PluginDefinition<CorrelationIdConfig, CorrelationIdConfigValidator>
{
    public override string Name => "correlation-id";

    public override int Priority => 100001;
}
