using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Plugins;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>A plugin this data plane can run: its definition (name, priority, config schema) and its compiler.</summary>
public interface IPluginRuntime
{
    PluginDefinition Definition { get; }

    /// <summary>Why this instance cannot run here as configured (an option not carried out yet), or null.</summary>
    string? Unsupported(Plugin plugin);

    /// <summary>Compiles one plugin instance for the hot path; called when a config is applied, never per request.</summary>
    PluginHandler Compile(Plugin plugin);
}
