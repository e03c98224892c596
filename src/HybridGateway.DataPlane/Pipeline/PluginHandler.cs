using HybridGateway.Configuration.Entities;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>One compiled plugin instance in a route's chain.</summary>
public abstract class PluginHandler
{
    private readonly bool _http;
    private readonly bool _https;
    private readonly bool _grpc;
    private readonly bool _grpcs;

    protected PluginHandler(Plugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        Plugin = plugin;
        _http = plugin.Protocols.Contains(Protocols.Http);
        _https = plugin.Protocols.Contains(Protocols.Https);
        _grpc = plugin.Protocols.Contains(Protocols.Grpc);
        _grpcs = plugin.Protocols.Contains(Protocols.Grpcs);
    }

    public Plugin Plugin { get; }

    /// <summary>Whether the plugin's <c>protocols</c> include the request's.</summary>
    public bool RunsFor(RequestProtocol protocol) => protocol switch
    {
        RequestProtocol.Http => _http,
        RequestProtocol.Https => _https,
        RequestProtocol.Grpc => _grpc,
        _ => _grpcs,
    };

    /// <summary>The access phase: true to go on, false when the plugin has answered the request itself.</summary>
    public abstract ValueTask<bool> AccessAsync(PluginRequest request);
}
