using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HybridGateway.Configuration.Tests.Support;

/// <summary>Self-signed certificates made when the tests run, so that no key material is checked in.</summary>
public static class TestCertificates
{
    public static PemPair Rsa { get; } = CreateRsa("CN=rsa.example.com", ca: null);

    public static PemPair OtherRsa { get; } = CreateRsa("CN=other.example.com", ca: null);

    public static PemPair Ecdsa { get; } = CreateEcdsa("CN=ecdsa.example.com");

    /// <summary>A CA: basic constraints with CA set.</summary>
    public static PemPair Ca { get; } = CreateRsa("CN=Test Root CA", ca: true);

    /// <summary>Basic constraints present, but CA not set.</summary>
    public static PemPair NotCa { get; } = CreateRsa("CN=leaf.example.com", ca: false);

    public static PemPair CreateRsa(string subject, bool? ca)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (ca is { } isCa)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        }
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return new PemPair(certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }

    public static PemPair CreateEcdsa(string subject)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return new PemPair(certificate.ExportCertificatePem(), ecdsa.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>SHA-256 of the certificate's DER bytes, lowercase hex, computed here independently of the code under test.</summary>
    public static string Digest(string certPem)
    {
        using var certificate = X509Certificate2.CreateFromPem(certPem);
        return Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
    }
}
