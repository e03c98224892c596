using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.Cors;

/// <summary>cors: answers preflight requests and adds CORS headers.</summary>
public sealed class CorsDefinition : PluginDefinition<CorsConfig, CorsConfigValidator>
{
    public override string Name => "cors";

    public override int Priority => 2000;

    public override PluginScopes Scopes => PluginScopes.NoConsumer;
}
