using System.Globalization;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.KeyAuth;

/// <summary>Key names must be valid header names, and the key must be looked for somewhere.</summary>
public sealed class KeyAuthConfigValidator : IPluginConfigValidator<KeyAuthConfig>
{
    public void Validate(KeyAuthConfig config, FieldErrors errors)
    {
        for (var i = 0; i < config.KeyNames.Count; i++)
        {
            if (!HeaderNames.IsValid(config.KeyNames[i]))
            {
                errors.Child("key_names").Add(i.ToString(CultureInfo.InvariantCulture), HeaderNames.Invalid(config.KeyNames[i]));
            }
        }
        if (!config.KeyInHeader && !config.KeyInQuery && !config.KeyInBody)
        {
            errors.Add("@entity", "at least one of 'key_in_header', 'key_in_query', 'key_in_body' must be true");
        }
    }
}
