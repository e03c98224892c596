using System.Net;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>
/// The client's address as plugins see it. The peer's own address, unless the peer is a trusted
/// proxy: then X-Real-IP (Kong's default real_ip_header), else the last X-Forwarded-For entry.
/// IPv4-mapped IPv6 addresses are read as IPv4.
/// </summary>
public static class ClientAddress
{
    public static IPAddress? Of(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http;
        if (request.TrustedPeer)
        {
            var headers = http.Request.Headers;
            if (headers.TryGetValue("X-Real-IP", out var realIp) && IPAddress.TryParse(realIp.ToString().Trim(), out var real))
            {
                return Normalize(real);
            }
            if (headers.TryGetValue("X-Forwarded-For", out var forwarded))
            {
                var list = forwarded.ToString();
                var last = list[(list.LastIndexOf(',') + 1)..].Trim();
                if (IPAddress.TryParse(last, out var forwardedFor))
                {
                    return Normalize(forwardedFor);
                }
            }
        }
        return http.Connection.RemoteIpAddress is { } peer ? Normalize(peer) : null;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
