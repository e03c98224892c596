using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using HybridGateway.DataPlane.Hosting;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.Sync;

/// <summary>
/// The gRPC channel to the control plane's cluster port: mTLS with the node's certificate and the
/// cluster CA in production, h2c to a loopback address in development. HTTP/2 keepalive pings
/// find a dead connection even when no config is moving.
/// </summary>
public sealed class ControlPlaneChannel : IDisposable
{
    public ControlPlaneChannel(IOptions<DataPlaneOptions> options)
    {
        var settings = options.Value;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(15),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            EnableMultipleHttp2Connections = true,
        };
        if (settings.Tls.IsConfigured)
        {
            var tls = settings.Tls;
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPemFile(tls.CertificatePath!, tls.KeyPath)];
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(tls.CaPath!);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                {
                    return false; // no certificate, or not issued for the host we dialled
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }
        Channel = GrpcChannel.ForAddress(settings.ControlPlane, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            DisposeHttpClient = true,
        });
    }

    public GrpcChannel Channel { get; }

    public void Dispose() => Channel.Dispose();
}
