using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.IpRestriction;

namespace HybridGateway.DataPlane.Pipeline.IpRestriction;

/// <summary>ip-restriction on the data plane.</summary>
public sealed class IpRestrictionRuntime : PluginRuntime<IpRestrictionDefinition, IpRestrictionConfig>
{
    protected override string? Unsupported(IpRestrictionConfig config) =>
        config.Status < 200 ? "ip-restriction cannot answer with an informational status (" + config.Status + ")" : null;

    protected override PluginHandler Compile(Plugin plugin, IpRestrictionConfig config) => new IpRestrictionHandler(plugin, config);
}
