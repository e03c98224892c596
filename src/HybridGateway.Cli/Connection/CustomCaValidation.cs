using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace HybridGateway.Cli.Connection;

/// <summary>
/// Accepts a server certificate only if it chains to the given CA (not to the system's roots) and
/// names the host we dialled.
/// </summary>
public sealed class CustomCaValidation(X509Certificate2Collection authorities)
{
    public static CustomCaValidation FromPemFile(string path)
    {
        if (!File.Exists(path))
        {
            throw CliFailure.Usage($"--ca: no such file: {path}");
        }
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw CliFailure.Usage($"--ca: {path} is not a PEM certificate file ({e.Message})");
        }
        if (authorities.Count == 0)
        {
            throw CliFailure.Usage($"--ca: {path} holds no certificate");
        }
        return new CustomCaValidation(authorities);
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 leaf
            || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return chain.Build(leaf);
    }
}
