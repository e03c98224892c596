using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.CorrelationId;

namespace HybridGateway.DataPlane.Pipeline.CorrelationId;

/// <summary>correlation-id on the data plane.</summary>
public sealed class CorrelationIdRuntime : PluginRuntime<CorrelationIdDefinition, CorrelationIdConfig>
{
    protected override string? Unsupported(CorrelationIdConfig config) =>
        config.Generator == "tracker" ? "correlation-id with the tracker generator is not supported yet" : null;

    protected override PluginHandler Compile(Plugin plugin, CorrelationIdConfig config) => new CorrelationIdHandler(plugin, config);
}
