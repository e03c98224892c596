using HybridGateway.Configuration.Entities;
using Route = HybridGateway.Configuration.Entities.Route;
using System.Net;
using HybridGateway.DataPlane.Proxy;
using HybridGateway.DataPlane.Runtime;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>
/// One request as the plugins of its route see it: the HTTP context, the config it is served with,
/// the query string to send upstream (plugins may rewrite it), and the consumer once one is known.
/// </summary>
public sealed class PluginRequest(HttpContext http, RuntimeConfig config, string query, bool trustedPeer = false, TrustedProxies? proxies = null)
{
    public HttpContext Http { get; } = http;

    public RuntimeConfig Config { get; } = config;

    /// <summary>The raw query string as it will be sent upstream, with its leading <c>?</c>, or empty.</summary>
    public string Query { get; set; } = query;

    /// <summary>Whether the peer is one of the configured trusted proxies, whose forwarding headers are believed.</summary>
    public bool TrustedPeer { get; } = trustedPeer;

    /// <summary>The client's address: the peer's, or the real-IP header's when the peer is a trusted proxy.</summary>
    public IPAddress? ClientAddress => (proxies ?? TrustedProxies.None).ClientAddress(Http, TrustedPeer);

    /// <summary>The matched route (its service is the request's service).</summary>
    public Route? Route { get; init; }

    /// <summary>The request's path, normalised as the router matched it.</summary>
    public string? Path { get; init; }

    /// <summary>The route's regex match, when a regex path matched: its captures (request-transformer's uri_captures).</summary>
    public System.Text.RegularExpressions.Match? RegexMatch { get; init; }

    /// <summary>A path that replaces the whole upstream path (request-transformer's replace.uri), or null.</summary>
    public string? UpstreamPath { get; set; }

    public Consumer? Consumer { get; private set; }

    /// <summary>The credential that identified <see cref="Consumer"/>; null for the anonymous consumer.</summary>
    public ConfigEntity? Credential { get; private set; }

    /// <summary>Header and query-argument names that carried a credential: the log plugins write them as REDACTED.</summary>
    public List<string>? Redactions { get; private set; }

    public void RedactInLogs(string name) => (Redactions ??= []).Add(name);

    public void Authenticate(Consumer consumer, ConfigEntity? credential)
    {
        Consumer = consumer;
        Credential = credential;
    }
}
