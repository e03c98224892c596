using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.Cors;

namespace HybridGateway.DataPlane.Pipeline.Cors;

/// <summary>cors on the data plane.</summary>
public sealed class CorsRuntime : PluginRuntime<CorsDefinition, CorsConfig>
{
    protected override PluginHandler Compile(Plugin plugin, CorsConfig config) => new CorsHandler(plugin, config);
}
