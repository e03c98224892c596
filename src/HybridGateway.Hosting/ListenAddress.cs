using System.Globalization;
using System.Net;

namespace HybridGateway.Hosting;

/// <summary>Parses "host:port" listen settings (IPv6 in brackets; "localhost" means loopback, "*" any).</summary>
public static class ListenAddress
{
    public static bool TryParse(string text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }
        var host = text[..colon].Trim('[', ']');
        var address = host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" => IPAddress.Any,
            _ => IPAddress.TryParse(host, out var parsed) ? parsed : null,
        };
        endpoint = address is null ? null : new IPEndPoint(address, port);
        return endpoint is not null;
    }
}
