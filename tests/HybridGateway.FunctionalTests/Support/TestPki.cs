using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>A throwaway CA with a server certificate for the control plane and client certificates for nodes, as PEM files.</summary>
public sealed class TestPki : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly RSA _caKey;

    public TestPki()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("hgw-pki-").FullName;
        _caKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=HybridGateway Test Cluster CA", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        CaPath = Path.Combine(Directory, "ca.pem");
        File.WriteAllText(CaPath, _ca.ExportCertificatePem());
    }

    public string Directory { get; }

    public string CaPath { get; }

    public (string Cert, string Key) Issue(string name, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], true));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        if (server)
        {
            san.AddIpAddress(IPAddress.Loopback);
        }
        request.CertificateExtensions.Add(san.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        using var certificate = request.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), serial);
        var certPath = Path.Combine(Directory, name + ".crt");
        var keyPath = Path.Combine(Directory, name + ".key");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
