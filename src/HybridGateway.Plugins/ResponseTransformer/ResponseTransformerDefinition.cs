using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.ResponseTransformer;

/// <summary>response-transformer: rewrites response headers and JSON bodies.</summary>
public sealed class ResponseTransformerDefinition : PluginDefinition<ResponseTransformerConfig, ResponseTransformerConfigValidator>
{
    public override string Name => "response-transformer";

    public override int Priority => 800;
}
