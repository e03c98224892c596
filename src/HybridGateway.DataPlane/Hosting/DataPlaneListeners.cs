using HybridGateway.DataPlane.Tls;
using HybridGateway.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.Hosting;

/// <summary>The data plane's listeners, from the validated options: proxy (HTTP and HTTPS with SNI) and status.</summary>
public static class DataPlaneListeners
{
    public static void Configure(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var options = kestrel.ApplicationServices.GetRequiredService<IOptions<DataPlaneOptions>>().Value;
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = null; // as Kong's default: the proxy does not cap bodies
        if (ListenAddress.TryParse(options.ProxyListen, out var proxy))
        {
            kestrel.Listen(proxy!, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                ListenerTags.Tag(listen, Listeners.Proxy);
            });
        }
        if (!string.IsNullOrEmpty(options.ProxySslListen) && ListenAddress.TryParse(options.ProxySslListen, out var proxySsl))
        {
            kestrel.Listen(proxySsl!, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                var handshake = listen.ApplicationServices.GetRequiredService<ProxyTlsHandshake>();
                listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = handshake.OnConnection });
                ListenerTags.Tag(listen, Listeners.Proxy);
            });
        }
        if (ListenAddress.TryParse(options.StatusListen, out var status))
        {
            kestrel.Listen(status!, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                ListenerTags.Tag(listen, Listeners.Status);
            });
        }
    }
}
