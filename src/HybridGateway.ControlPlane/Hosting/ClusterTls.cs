using System.Security.Cryptography.X509Certificates;
using HybridGateway.ControlPlane.Sync;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace HybridGateway.ControlPlane.Hosting;

/// <summary>mTLS on the cluster port: our certificate, and only clients whose certificate chains to the node CA.</summary>
public static class ClusterTls
{
    public static void Configure(ListenOptions listen, ClusterTlsOptions options)
    {
        var certificate = X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(options.ClientCaPath!);
        listen.UseHttps(certificate, https =>
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (client, _, _) => NodeIdentity.ChainsTo(client, authorities);
        });
    }
}
