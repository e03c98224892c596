using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.Jwt;

/// <summary>A maximum expiration only means something when the exp claim is verified.</summary>
public sealed class JwtConfigValidator : IPluginConfigValidator<JwtConfig>
{
    public void Validate(JwtConfig config, FieldErrors errors)
    {
        if (config.MaximumExpiration > 0 && (config.ClaimsToVerify is null || !config.ClaimsToVerify.Contains("exp")))
        {
            errors.Add("claims_to_verify", "expected to contain: exp");
        }
        if (config.KeyClaimName.Length == 0)
        {
            errors.Add("key_claim_name", "length must be at least 1");
        }
    }
}
