using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.RateLimiting;

/// <summary>rate-limiting: limits how many requests a consumer, IP or other key may make per window.</summary>
public sealed class RateLimitingDefinition : PluginDefinition<RateLimitingConfig, RateLimitingConfigValidator>
{
    public override string Name => "rate-limiting";

    public override int Priority => 910;
}
