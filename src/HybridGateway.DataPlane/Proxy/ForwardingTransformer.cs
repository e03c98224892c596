using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace HybridGateway.DataPlane.Proxy;

/// <summary>
/// Builds the upstream request as Kong does: the compiled upstream path, the Host header (the
/// service's, or the client's with preserve_host), and X-Forwarded-* / X-Real-IP headers in which
/// a client's own values are kept only when it is a trusted proxy. YARP already drops
/// hop-by-hop headers (Connection, Keep-Alive, TE, Upgrade, Proxy-*…).
/// </summary>
public sealed class ForwardingTransformer(TrustedProxies proxies) : HttpTransformer
{
    private const string ForwardedFor = "X-Forwarded-For";
    private const string ForwardedProto = "X-Forwarded-Proto";
    private const string ForwardedHost = "X-Forwarded-Host";
    private const string ForwardedPort = "X-Forwarded-Port";
    private const string ForwardedPath = "X-Forwarded-Path";
    private const string RealIp = "X-Real-IP";

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var feature = httpContext.Features.Get<ProxyRequestFeature>()!;
        proxyRequest.RequestUri = new Uri(destinationPrefix + feature.UpstreamPathAndQuery, UriKind.Absolute);
        proxyRequest.Headers.Host = feature.HostHeader ?? httpContext.Request.Host.Value;

        var headers = proxyRequest.Headers;
        var request = httpContext.Request;
        var client = httpContext.Connection.RemoteIpAddress;
        var clientText = client is null ? "" : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();
        var trusted = feature.TrustedPeer;
        var priorFor = trusted ? request.Headers[ForwardedFor].ToString() : "";
        Replace(headers, ForwardedFor, priorFor.Length > 0 ? priorFor + ", " + clientText : clientText);
        Replace(headers, ForwardedProto, Kept(trusted, request, ForwardedProto) ?? request.Scheme);
        Replace(headers, ForwardedHost, Kept(trusted, request, ForwardedHost) ?? request.Host.Host);
        Replace(headers, ForwardedPort, Kept(trusted, request, ForwardedPort)
            ?? (request.Host.Port ?? httpContext.Connection.LocalPort).ToString(CultureInfo.InvariantCulture));
        Replace(headers, ForwardedPath, Kept(trusted, request, ForwardedPath) ?? feature.ClientPath);
        // X-Real-IP carries the client's address as the real-IP header resolves it (Kong sends its remote_addr).
        Replace(headers, RealIp, trusted && proxies.ClientAddress(httpContext, trusted) is { } real ? real.ToString() : clientText);
    }

    private static string? Kept(bool trusted, HttpRequest request, string name) =>
        trusted && request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    private static void Replace(System.Net.Http.Headers.HttpRequestHeaders headers, string name, string value)
    {
        headers.Remove(name);
        headers.TryAddWithoutValidation(name, value);
    }
}
