namespace HybridGateway.DataPlane.Pipeline;

/// <summary>The plugins that run for one route, compiled and ordered by priority (highest first) when the config is applied.</summary>
public sealed class PluginChain(PluginHandler[] handlers)
{
    public IReadOnlyList<PluginHandler> Handlers => handlers;

    /// <summary>The handlers with a log phase, in priority order; empty for most routes.</summary>
    public PluginHandler[] LogHandlers { get; } = [.. handlers.Where(h => h.HasLogPhase)];

    /// <summary>Runs the access phase; false when a plugin has answered the request.</summary>
    public async ValueTask<bool> AccessAsync(PluginRequest request)
    {
        foreach (var handler in handlers)
        {
            if (!await handler.AccessAsync(request))
            {
                return false;
            }
        }
        return true;
    }
}
