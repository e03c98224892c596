using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.Acl;

/// <summary>Exactly one of allow and deny lists groups.</summary>
public sealed class AclConfigValidator : IPluginConfigValidator<AclConfig>
{
    public void Validate(AclConfig config, FieldErrors errors)
    {
        var allow = config.Allow is { Count: > 0 };
        var deny = config.Deny is { Count: > 0 };
        if (!allow && !deny)
        {
            errors.Add("@entity", "at least one of these fields must be non-empty: 'config.allow', 'config.deny'");
        }
        else if (allow && deny)
        {
            errors.Add("@entity", "only one of these fields must be non-empty: 'config.allow', 'config.deny'");
        }
        if (config.IncludeConsumerGroups)
        {
            errors.Add("include_consumer_groups", "consumer groups are not supported");
        }
    }
}
