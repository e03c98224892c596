using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.KeyAuth;

/// <summary>key-auth: identifies the consumer by an API key in a header, the query or the body.</summary>
public sealed class KeyAuthDefinition : PluginDefinition<KeyAuthConfig, KeyAuthConfigValidator>
{
    public override string Name => "key-auth";

    public override int Priority => 1250;

    public override PluginScopes Scopes => PluginScopes.NoConsumer;
}
