using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.IpRestriction;

namespace HybridGateway.DataPlane.Pipeline.IpRestriction;

/// <summary>ip-restriction on the data plane.</summary>
public sealed class IpRestrictionRuntime : PluginRuntime<IpRestrictionDefinition, IpRestrictionConfig>
{
    protected override PluginHandler Compile(Plugin plugin, IpRestrictionConfig config) => new IpRestrictionHandler(plugin, config);
}
