using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.Acl;

namespace HybridGateway.DataPlane.Pipeline.Acl;

/// <summary>acl on the data plane.</summary>
public sealed class AclRuntime : PluginRuntime<AclDefinition, AclConfig>
{
    protected override PluginHandler Compile(Plugin plugin, AclConfig config) => new AclHandler(plugin, config);
}
