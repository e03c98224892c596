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

    /// <summary>Whether this plugin has a log phase (<see cref="Log"/>): it then runs once every request of the route is answered.</summary>
    public virtual bool HasLogPhase => false;

    /// <summary>The log phase, after the response: what the request was and how long it took. Must not throw or block.</summary>
    public virtual void Log(HttpContext http, AccessLog.ProxyOutcome outcome, double totalMs)
    {
    }
}
