using System.Net;
using System.Net.Sockets;

namespace HybridGateway.Configuration.Validation;

/// <summary>Hostname and address checks as Kong applies them (underscores allowed, one wildcard label).</summary>
public static class Hostnames
{
    public static bool IsValidName(string host)
    {
        if (host.Length is 0 or > 253)
        {
            return false;
        }
        var labels = host.TrimEnd('.').Split('.');
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    return false;
                }
            }
        }
        return true;
    }

    public static bool IsIpAddress(string host)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return !bare.Contains('[', StringComparison.Ordinal) && IPAddress.TryParse(bare, out var ip)
            && (ip.AddressFamily == AddressFamily.InterNetworkV6 ? bare.Contains(':', StringComparison.Ordinal) : bare.Count(c => c == '.') == 3);
    }

    public static bool IsValidHostOrIp(string host) => IsIpAddress(host) || IsValidName(host);

    /// <summary>A route or SNI host: a name, an IP, or a name with one wildcard as its leftmost or rightmost label.</summary>
    public static string? CheckWildcardHost(string host)
    {
        var name = StripPort(host);
        if (name is null)
        {
            return "invalid port number";
        }
        var stars = name.Count(c => c == '*');
        if (stars == 0)
        {
            return IsValidHostOrIp(name) ? null : "invalid hostname: " + host;
        }
        if (stars > 1)
        {
            return "invalid wildcard: must have at most one wildcard";
        }
        if (name.StartsWith("*.", StringComparison.Ordinal) && IsValidName(name[2..]))
        {
            return null;
        }
        if (name.EndsWith(".*", StringComparison.Ordinal) && IsValidName(name[..^2]))
        {
            return null;
        }
        return "invalid wildcard: must be placed at leftmost or rightmost label";
    }

    /// <summary>Splits "host[:port]" (IPv6 in brackets); null when the port is not a number in 1..65535.</summary>
    public static string? StripPort(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return null;
            }
            return close == host.Length - 1 || (host[close + 1] == ':' && IsPort(host[(close + 2)..]))
                ? host[..(close + 1)]
                : null;
        }
        if (!host.Contains('[', StringComparison.Ordinal) && IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return host;
        }
        var colon = host.LastIndexOf(':');
        if (colon < 0)
        {
            return host;
        }
        return IsPort(host[(colon + 1)..]) ? host[..colon] : null;
    }

    private static bool IsPort(string text) => int.TryParse(text, out var port) && port is > 0 and <= 65535 && text.All(char.IsAsciiDigit);
}
