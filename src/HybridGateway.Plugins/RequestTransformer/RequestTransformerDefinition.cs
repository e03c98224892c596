using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.RequestTransformer;

/// <summary>request-transformer: rewrites headers, query string and body before proxying.</summary>
public sealed class RequestTransformerDefinition : PluginDefinition<RequestTransformerConfig, RequestTransformerConfigValidator>
{
    public override string Name => "request-transformer";

    public override int Priority => 801;
}
