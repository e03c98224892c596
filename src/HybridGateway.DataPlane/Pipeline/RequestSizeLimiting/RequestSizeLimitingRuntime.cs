using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.RequestSizeLimiting;

namespace HybridGateway.DataPlane.Pipeline.RequestSizeLimiting;

/// <summary>request-size-limiting on the data plane.</summary>
public sealed class RequestSizeLimitingRuntime : PluginRuntime<RequestSizeLimitingDefinition, RequestSizeLimitingConfig>
{
    protected override PluginHandler Compile(Plugin plugin, RequestSizeLimitingConfig config) => new RequestSizeLimitingHandler(plugin, config);
}
