using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.Acl;

/// <summary>acl: lets authenticated consumers through by group membership.</summary>
public sealed class AclDefinition : PluginDefinition<AclConfig, AclConfigValidator>
{
    public override string Name => "acl";

    public override int Priority => 950;

    public override PluginScopes Scopes => PluginScopes.NoConsumer;
}
