using System.Net;
using System.Text.RegularExpressions;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Proxy;

namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>What consistent hashing may hash a request on, gathered by the proxy before it forwards.</summary>
public readonly record struct BalanceRequest(HttpContext Context, string Path, Consumer? Consumer, Match? RegexMatch, TrustedProxies Proxies, bool TrustedPeer)
{
    /// <summary>The client's address, through trusted proxies (Kong's hash_on ip).</summary>
    public IPAddress? Client => Proxies.ClientAddress(Context, TrustedPeer);
}
