using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.BasicAuth;

/// <summary>basic-auth: identifies the consumer by username and password.</summary>
public sealed class BasicAuthDefinition : PluginDefinition<BasicAuthConfig, BasicAuthConfigValidator>
{
    public override string Name => "basic-auth";

    public override int Priority => 1100;

    public override PluginScopes Scopes => PluginScopes.NoConsumer;
}
