using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.RequestTransformer;

namespace HybridGateway.DataPlane.Pipeline.Transformers;

/// <summary>request-transformer on the data plane; a template that is not one of Kong's simple references is refused.</summary>
public sealed class RequestTransformerRuntime : PluginRuntime<RequestTransformerDefinition, RequestTransformerConfig>
{
    protected override string? Unsupported(RequestTransformerConfig config) =>
        RequestTransformerHandler.Compile(config).Errors is { Count: > 0 } errors ? "request-transformer: " + string.Join("; ", errors) : null;

    protected override PluginHandler Compile(Plugin plugin, RequestTransformerConfig config) => new RequestTransformerHandler(plugin, config);
}
