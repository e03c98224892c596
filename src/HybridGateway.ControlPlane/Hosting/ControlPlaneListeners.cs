using HybridGateway.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.Hosting;

/// <summary>The control plane's listeners, from the validated options: the Admin API (HTTP/1.1) and the cluster port (HTTP/2, mTLS in production).</summary>
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
