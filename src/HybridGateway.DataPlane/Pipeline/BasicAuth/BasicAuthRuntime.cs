using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.BasicAuth;

namespace HybridGateway.DataPlane.Pipeline.BasicAuth;

/// <summary>basic-auth on the data plane; every option Kong has runs.</summary>
public sealed class BasicAuthRuntime(VerifiedPasswords passwords) : PluginRuntime<BasicAuthDefinition, BasicAuthConfig>
{
    protected override PluginHandler Compile(Plugin plugin, BasicAuthConfig config) => new BasicAuthHandler(plugin, config, passwords);
}
