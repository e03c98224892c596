using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HybridGateway.DataPlane.Runtime;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace HybridGateway.DataPlane.Tls;

/// <summary>
/// Picks the certificate for each TLS connection to the proxy from the config being served, by the
/// client's SNI. Without a matching SNI (or before any config is loaded) the node answers with its
/// own self-signed certificate for "localhost", generated at start, as Kong does.
/// </summary>
public sealed class ProxyTlsHandshake(RuntimeHolder holder)
{
    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    private readonly Lazy<SslStreamCertificateContext> _fallback = new(CreateFallback);

    public ValueTask<SslServerAuthenticationOptions> OnConnection(TlsHandshakeCallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var selected = holder.Current?.Certificates.Select(context.ClientHelloInfo.ServerName) ?? _fallback.Value;
        return ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = selected,
            ApplicationProtocols = Alpn,
        });
    }

    private static SslStreamCertificateContext CreateFallback()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        // Re-imported so the key is usable by the TLS stack on every platform.
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        return SslStreamCertificateContext.Create(certificate, null, offline: true);
    }
}
