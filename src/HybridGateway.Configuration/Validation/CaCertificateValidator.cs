using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>A CA certificate must parse, carry the CA basic constraint, and match its digest.</summary>
public sealed class CaCertificateValidator : EntityValidator<CaCertificate>
{
    public static string DigestOf(X509Certificate2 certificate) => Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    protected override void Validate(CaCertificate ca, FieldErrors errors)
    {
        using var certificate = CertificateValidator.ParseCertificate(ca.Cert, "cert", errors);
        if (certificate is null)
        {
            return;
        }
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is null || !constraints.CertificateAuthority)
        {
            errors.Add("cert", "certificate does not appear to be a CA because it is missing the \"CA\" basic constraint");
        }
        if (ca.CertDigest is { } digest && !string.Equals(digest, DigestOf(certificate), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("cert_digest", "does not match the certificate (expected the SHA-256 of its DER encoding)");
        }
    }
}
