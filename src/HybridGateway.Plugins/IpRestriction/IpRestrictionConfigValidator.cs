using System.Globalization;
using System.Net;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.IpRestriction;

/// <summary>Every entry is an IP or a CIDR range, and at least one list is set.</summary>
public sealed class IpRestrictionConfigValidator : IPluginConfigValidator<IpRestrictionConfig>
{
    public void Validate(IpRestrictionConfig config, FieldErrors errors)
    {
        if (config.Allow is not { Count: > 0 } && config.Deny is not { Count: > 0 })
        {
            errors.Add("@entity", "at least one of these fields must be non-empty: 'config.allow', 'config.deny'");
        }
        CheckList(config.Allow, "allow", errors);
        CheckList(config.Deny, "deny", errors);
    }

    private static void CheckList(IReadOnlyList<string>? entries, string field, FieldErrors errors)
    {
        for (var i = 0; entries is not null && i < entries.Count; i++)
        {
            if (!IPAddress.TryParse(entries[i], out _) && !IPNetwork.TryParse(entries[i], out _))
            {
                errors.Child(field).Add(i.ToString(CultureInfo.InvariantCulture), "invalid ip or cidr range: '" + entries[i] + "'");
            }
        }
    }
}
