using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>Certificates made on the fly for tests, as PEM.</summary>
public static class TestCertificates
{
    public static (string Cert, string Key) SelfSigned(string commonName, bool ca = false)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        if (!ca)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(commonName);
            request.CertificateExtensions.Add(san.Build());
        }
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
