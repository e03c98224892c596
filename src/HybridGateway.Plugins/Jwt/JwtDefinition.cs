using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.Jwt;

/// <summary>jwt: identifies the consumer by a signed JSON Web Token.</summary>
public sealed class JwtDefinition : PluginDefinition<JwtConfig, JwtConfigValidator>
{
    public override string Name => "jwt";

    public override int Priority => 1450;

    public override PluginScopes Scopes => PluginScopes.NoConsumer;
}
