using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Plugins.KeyAuth;

namespace HybridGateway.DataPlane.Pipeline.KeyAuth;

/// <summary>key-auth on the data plane.</summary>
public sealed class KeyAuthRuntime : IPluginRuntime
{
    private readonly KeyAuthDefinition _definition = new();

    public PluginDefinition Definition => _definition;

    public string? Unsupported(Plugin plugin) =>
        Read(plugin).KeyInBody ? "key-auth with key_in_body is not supported yet" : null;

    public PluginHandler Compile(Plugin plugin) => new KeyAuthHandler(plugin, Read(plugin));

    private KeyAuthConfig Read(Plugin plugin) => (KeyAuthConfig)_definition.Read(plugin.Config);
}
