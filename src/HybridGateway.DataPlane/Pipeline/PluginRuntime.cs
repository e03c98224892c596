using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Plugins;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>A plugin runtime over its definition: reads each instance's stored config into the plugin's record.</summary>
public abstract class PluginRuntime<TDefinition, TConfig> : IPluginRuntime
    where TDefinition : PluginDefinition, new()
{
    private readonly TDefinition _definition = new();

    public PluginDefinition Definition => _definition;

    public string? Unsupported(Plugin plugin) => Unsupported(Read(plugin));

    public PluginHandler Compile(Plugin plugin) => Compile(plugin, Read(plugin));

    /// <summary>Why a config cannot run here yet, or null; by default every valid config can.</summary>
    protected virtual string? Unsupported(TConfig config) => null;

    protected abstract PluginHandler Compile(Plugin plugin, TConfig config);

    private TConfig Read(Plugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        return (TConfig)_definition.Read(plugin.Config);
    }
}
