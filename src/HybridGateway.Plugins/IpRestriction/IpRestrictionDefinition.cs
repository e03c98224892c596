using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.IpRestriction;

/// <summary>ip-restriction: allows or denies requests by client address.</summary>
public sealed class IpRestrictionDefinition : PluginDefinition<IpRestrictionConfig, IpRestrictionConfigValidator>
{
    public override string Name => "ip-restriction";

    public override int Priority => 990;
}
