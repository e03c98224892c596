using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.CorrelationId;

namespace HybridGateway.DataPlane.Pipeline.CorrelationId;

/// <summary>correlation-id on the data plane.</summary>
public sealed class CorrelationIdRuntime : PluginRuntime<CorrelationIdDefinition, CorrelationIdConfig>
{
    protected override PluginHandler Compile(Plugin plugin, CorrelationIdConfig config) => new CorrelationIdHandler(plugin, config);
}
