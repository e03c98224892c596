using HybridGateway.Configuration.Entities;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>
/// One compiled plugin instance in a route's chain. As in Kong, an instance runs on every request
/// of its route: its <c>protocols</c> (all of the HTTP subsystem here) only say where it may be
/// attached, and never let a request choose to skip it.
/// </summary>
public abstract class PluginHandler
{
    protected PluginHandler(Plugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        Plugin = plugin;
    }

    public Plugin Plugin { get; }

    /// <summary>The access phase: true to go on, false when the plugin has answered the request itself.</summary>
    public abstract ValueTask<bool> AccessAsync(PluginRequest request);
}
