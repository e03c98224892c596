using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using Yarp.ReverseProxy.Forwarder;

namespace HybridGateway.DataPlane.Runtime;

/// <summary>
/// The HTTP clients that carry proxied requests, one per distinct connection setting (connect
/// timeout, TLS verification and trust), shared by every service with the same settings.
/// </summary>
public sealed class UpstreamClients : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpMessageInvoker> _clients = new(StringComparer.Ordinal);

    public HttpMessageInvoker For(Service service, ConfigState state)
    {
        var verify = service.TlsVerify == true;
        var authorities = (verify ? service.CaCertificates ?? [] : [])
            .Select(id => state.Find<CaCertificate>(id)?.Cert)
            .OfType<string>()
            .ToArray();
        // Keyed by the certificates' content, not their ids: a CA replaced under the same id gets a new client.
        var key = service.ConnectTimeout + "|" + verify + "|" + string.Join(",", authorities.Select(KeyHash.Of).Order(StringComparer.Ordinal));
        return _clients.GetOrAdd(key, _ => Create(service.ConnectTimeout, verify, authorities));
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private static HttpMessageInvoker Create(int connectTimeoutMs, bool verify, string[] authorityPems)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromMilliseconds(connectTimeoutMs),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
            // Headers the gateway adds from config (X-Consumer-Username, X-Consumer-Groups) may hold
            // non-ASCII names; they go out as UTF-8, as Kong sends them, instead of failing the request.
            RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = verify
            ? Verifier(authorityPems)
            : (_, _, _, _) => true; // Kong's default: upstream certificates are not verified unless tls_verify is set.
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    private static RemoteCertificateValidationCallback Verifier(string[] authorityPems)
    {
        if (authorityPems.Length == 0)
        {
            return (_, _, _, errors) => errors == SslPolicyErrors.None;
        }
        var authorities = new X509Certificate2Collection();
        foreach (var pem in authorityPems)
        {
            authorities.Add(X509Certificate2.CreateFromPem(pem));
        }
        return (_, certificate, _, errors) =>
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                return false;
            }
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
    }
}
