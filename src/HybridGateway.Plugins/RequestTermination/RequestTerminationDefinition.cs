using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.RequestTermination;

/// <summary>request-termination: answers with a fixed status and body instead of proxying.</summary>
public sealed class RequestTerminationDefinition : PluginDefinition<RequestTerminationConfig, RequestTerminationConfigValidator>
{
    public override string Name => "request-termination";

    public override int Priority => 2;
}
