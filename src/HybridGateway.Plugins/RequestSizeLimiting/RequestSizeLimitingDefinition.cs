using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.RequestSizeLimiting;

/// <summary>request-size-limiting: refuses request bodies over a size.</summary>
public sealed class RequestSizeLimitingDefinition : PluginDefinition<RequestSizeLimitingConfig, RequestSizeLimitingConfigValidator>
{
    public override string Name => "request-size-limiting";

    public override int Priority => 951;
}
