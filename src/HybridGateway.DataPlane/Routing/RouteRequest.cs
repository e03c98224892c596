using Microsoft.AspNetCore.Http;

namespace HybridGateway.DataPlane.Routing;

/// <summary>What the router looks at in a request.</summary>
public readonly struct RouteRequest
{
    /// <param name="method">The HTTP method, upper case as sent.</param>
    /// <param name="host">The host without its port, lower case; an IPv6 literal in brackets, as
    /// <see cref="HostString.Host"/> gives it. Empty when the request has none.</param>
    /// <param name="port">The port the request addressed: from the Host header, else the listener's.</param>
    /// <param name="path">The path after <see cref="PathNormalizer.Normalize"/>.</param>
    /// <param name="headers">The request headers.</param>
    /// <param name="sni">The TLS server name; null for plain HTTP or a handshake without SNI.</param>
    public RouteRequest(string method, string host, int port, string path, IHeaderDictionary headers, string? sni = null)
    {
        Method = method;
        Host = host;
        Port = port;
        Path = path;
        Headers = headers;
        Sni = sni;
    }

    public string Method { get; }

    public string Host { get; }

    public int Port { get; }

    public string Path { get; }

    public IHeaderDictionary Headers { get; }

    public string? Sni { get; }
}
