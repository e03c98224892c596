using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.KeyAuth;

namespace HybridGateway.DataPlane.Pipeline.KeyAuth;

/// <summary>key-auth on the data plane.</summary>
public sealed class KeyAuthRuntime : PluginRuntime<KeyAuthDefinition, KeyAuthConfig>
{
    protected override string? Unsupported(KeyAuthConfig config) =>
        config.KeyInBody ? "key-auth with key_in_body is not supported yet" : null;

    protected override PluginHandler Compile(Plugin plugin, KeyAuthConfig config) => new KeyAuthHandler(plugin, config);
}
