using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.BasicAuth;

/// <summary>The realm ends up in a WWW-Authenticate header, so it must not break out of its quotes.</summary>
public sealed class BasicAuthConfigValidator : IPluginConfigValidator<BasicAuthConfig>
{
    public void Validate(BasicAuthConfig config, FieldErrors errors)
    {
        if (config.Realm.Any(c => c == '"' || char.IsControl(c)))
        {
            errors.Add("realm", "must not contain quotes or control characters");
        }
    }
}
