using System.Collections.Immutable;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;

namespace HybridGateway.DataPlane.Tls;

/// <summary>
/// Builds the SNI → certificate table from the config's certificates and SNIs. A certificate's PEM
/// may carry its chain after the leaf; the chain is sent in the handshake.
/// </summary>
public static class ServerCertificateCompiler
{
    /// <exception cref="ArgumentException">A certificate cannot be loaded; the message names it.</exception>
    public static ServerCertificates Build(ConfigState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count(EntityKinds.Snis) == 0)
        {
            return ServerCertificates.Empty;
        }
        var contexts = new Dictionary<Guid, SslStreamCertificateContext>();
        var byName = ImmutableDictionary.CreateBuilder<string, SslStreamCertificateContext>(StringComparer.OrdinalIgnoreCase);
        foreach (var sni in state.All<Sni>())
        {
            if (sni.Certificate is not { } reference || state.Find<Certificate>(reference.Id) is not { } certificate)
            {
                continue;
            }
            if (!contexts.TryGetValue(certificate.Id, out var context))
            {
                contexts[certificate.Id] = context = Load(certificate);
            }
            byName[sni.Name] = context;
        }
        return new ServerCertificates(byName.ToImmutable());
    }

    private static SslStreamCertificateContext Load(Certificate certificate)
    {
        try
        {
            var leaf = X509Certificate2.CreateFromPem(certificate.Cert, certificate.Key);
            var all = new X509Certificate2Collection();
            all.ImportFromPem(certificate.Cert);
            var chain = new X509Certificate2Collection();
            foreach (var extra in all)
            {
                if (extra.Thumbprint != leaf.Thumbprint)
                {
                    chain.Add(extra);
                }
            }
            return SslStreamCertificateContext.Create(leaf, chain, offline: true);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ArgumentException("certificate " + certificate.Id + " cannot be loaded: " + e.Message, e);
        }
    }
}
