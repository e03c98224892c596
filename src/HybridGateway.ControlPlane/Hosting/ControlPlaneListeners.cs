using HybridGateway.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.Hosting;

/// <summary>
/// The control plane's listeners, from the validated options: the Admin API (HTTP/1.1), the gRPC Admin API (h2c, loopback),
/// the admin TLS listener (REST and gRPC, when a certificate is set) and the cluster port (HTTP/2, mTLS in production).
/// </summary>
public static class ControlPlaneListeners
{
    public static void Configure(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var options = kestrel.ApplicationServices.GetRequiredService<IOptions<ControlPlaneOptions>>().Value;
        kestrel.AddServerHeader = false;
        // Body limits are set per endpoint where bodies are read (1 MiB for entities, MaxDeclarativeBytes for /config).
        kestrel.Limits.MaxRequestBodySize = null;
        if (ListenAddress.TryParse(options.AdminListen, out var admin))
        {
            kestrel.Listen(admin!, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                ListenerTags.Tag(listen, Listeners.Admin);
            });
        }
        if (options.AdminGrpcListen.Length > 0 && ListenAddress.TryParse(options.AdminGrpcListen, out var adminGrpc))
        {
            kestrel.Listen(adminGrpc!, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                ListenerTags.Tag(listen, Listeners.AdminGrpc);
            });
        }
        if (options.AdminTls.IsConfigured && ListenAddress.TryParse(options.AdminTlsListen, out var adminTls))
        {
            kestrel.Listen(adminTls!, listen =>
            {
                // REST over HTTP/1.1 or HTTP/2, gRPC over HTTP/2, chosen by ALPN.
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                ListenerTags.Tag(listen, Listeners.AdminTls);
                listen.UseHttps(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(options.AdminTls.CertificatePath!, options.AdminTls.KeyPath));
            });
        }
        if (ListenAddress.TryParse(options.ClusterListen, out var cluster))
        {
            kestrel.Listen(cluster!, listen =>
            {
                // gRPC needs HTTP/2; cleartext h2c is only served on an HTTP/2-only endpoint.
                listen.Protocols = HttpProtocols.Http2;
                ListenerTags.Tag(listen, Listeners.Cluster);
                if (options.ClusterTls.IsConfigured)
                {
                    ClusterTls.Configure(listen, options.ClusterTls);
                }
            });
        }
    }
}
