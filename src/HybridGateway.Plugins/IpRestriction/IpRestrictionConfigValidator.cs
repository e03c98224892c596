using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
            if (!IsIpOrCidr(entries[i]))
            {
                errors.Child(field).Add(i.ToString(CultureInfo.InvariantCulture), "invalid ip or cidr range: '" + entries[i] + "'");
            }
        }
    }

    private static bool IsIpOrCidr(string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? entry : entry[..slash];
        return IsFullAddress(address) && (slash < 0 || IPNetwork.TryParse(entry, out _));
    }

    /// <summary>
    /// An IPv6 address, or an IPv4 address as four decimal octets. .NET also reads shorthand, octal
    /// and hex forms ("10.1" is 10.0.0.1, "010.0.0.1" is 8.0.0.1), which would allow or deny an
    /// address other than the one the operator meant. Kong refuses the shorthand and hex forms and
    /// reads leading zeros as decimal, so an octet with a leading zero is refused rather than misread.
    /// </summary>
    private static bool IsFullAddress(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;
        }
        var octets = text.Split('.');
        return octets.Length == 4 && octets.All(octet =>
            octet.Length is >= 1 and <= 3
            && octet.All(char.IsAsciiDigit)
            && (octet.Length == 1 || octet[0] != '0')
            && int.Parse(octet, CultureInfo.InvariantCulture) <= 255);
    }
}
