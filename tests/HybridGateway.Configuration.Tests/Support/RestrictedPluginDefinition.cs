using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;
using HybridGateway.Plugins.Prometheus;

namespace HybridGateway.Configuration.Tests.Support;

/// <summary>A plugin that may only be attached to consumers and only speaks HTTP: no shipped plugin is that narrow.</summary>
public sealed class RestrictedPluginDefinition : PluginDefinition
{
    public override string Name => "restricted";

    public override int Priority => 1;

    public override Type ConfigType => typeof(PrometheusConfig);

    public override PluginScopes Scopes => PluginScopes.Consumer;

    public override IReadOnlyList<string> Protocols { get; } = [Entities.Protocols.Http, Entities.Protocols.Https];

    protected override void ValidateTyped(object config, FieldErrors errors)
    {
    }
}
