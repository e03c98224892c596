using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.RequestTermination;

namespace HybridGateway.DataPlane.Pipeline.RequestTermination;

/// <summary>request-termination on the data plane.</summary>
public sealed class RequestTerminationRuntime : PluginRuntime<RequestTerminationDefinition, RequestTerminationConfig>
{
    protected override string? Unsupported(RequestTerminationConfig config) =>
        config.StatusCode < 200 ? "request-termination cannot end a request with an informational status (" + config.StatusCode + ")"
        : null;

    protected override PluginHandler Compile(Plugin plugin, RequestTerminationConfig config) => new RequestTerminationHandler(plugin, config);
}
