using System.Collections.Immutable;
using System.Net.Security;

namespace HybridGateway.DataPlane.Tls;

/// <summary>
/// The certificates the proxy serves, by SNI name, compiled when the config is applied. Lookup as
/// Kong's: the exact name, then a leading wildcard (<c>*.example.com</c>), then a trailing one
/// (<c>example.*</c>), then the catch-all SNI <c>*</c>; null when none matches (the node's default).
/// </summary>
public sealed class ServerCertificates(ImmutableDictionary<string, SslStreamCertificateContext> byName)
{
    public static ServerCertificates Empty { get; } = new(ImmutableDictionary.Create<string, SslStreamCertificateContext>(StringComparer.OrdinalIgnoreCase));

    public int Count => byName.Count;

    public SslStreamCertificateContext? Select(string? serverName)
    {
        if (byName.Count == 0)
        {
            return null;
        }
        if (!string.IsNullOrEmpty(serverName))
        {
            if (byName.TryGetValue(serverName, out var exact))
            {
                return exact;
            }
            var firstDot = serverName.IndexOf('.', StringComparison.Ordinal);
            if (firstDot > 0 && byName.TryGetValue("*" + serverName[firstDot..], out var leading))
            {
                return leading;
            }
            var lastDot = serverName.LastIndexOf('.');
            if (lastDot > 0 && byName.TryGetValue(serverName[..(lastDot + 1)] + "*", out var trailing))
            {
                return trailing;
            }
        }
        return byName.GetValueOrDefault("*");
    }
}
