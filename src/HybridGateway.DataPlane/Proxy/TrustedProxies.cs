using System.Net;

namespace HybridGateway.DataPlane.Proxy;

/// <summary>
/// The peers whose X-Forwarded-* headers are believed; everyone else's are replaced. From a trusted
/// peer, the client's address is read from one header (Kong's real_ip_header, X-Real-IP by default).
/// </summary>
public sealed class TrustedProxies
{
    public const string DefaultRealIpHeader = "X-Real-IP";

    private readonly IPNetwork[] _networks;

    public TrustedProxies(IEnumerable<string> entries, string realIpHeader = DefaultRealIpHeader)
    {
        RealIpHeader = realIpHeader;
        _networks = entries
            .Select(e => IPAddress.TryParse(e, out var address)
                ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
                : IPNetwork.Parse(e))
            .ToArray();
    }

    /// <summary>No trusted proxies: every client address is the peer's.</summary>
    public static TrustedProxies None { get; } = new([]);

    public string RealIpHeader { get; }

    /// <summary>
    /// The client's address: the peer's, or, from a trusted peer, the one in <see cref="RealIpHeader"/>
    /// (the last entry when it is a list, as nginx's realip reads X-Forwarded-For). A header sent
    /// twice or that does not parse is not believed. IPv4-mapped IPv6 addresses are read as IPv4.
    /// </summary>
    public IPAddress? ClientAddress(HttpContext context, bool trustedPeer)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (trustedPeer && context.Request.Headers.TryGetValue(RealIpHeader, out var values) && values.Count == 1)
        {
            var text = values[0] ?? "";
            if (IPAddress.TryParse(text.AsSpan(text.LastIndexOf(',') + 1).Trim(), out var real))
            {
                return Normalize(real);
            }
        }
        return context.Connection.RemoteIpAddress is { } peer ? Normalize(peer) : null;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public bool Contains(IPAddress? address)
    {
        if (address is null || _networks.Length == 0)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }
}
