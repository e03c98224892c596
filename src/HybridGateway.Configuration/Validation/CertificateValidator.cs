using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>Certificates and keys must parse as PEM and belong together.</summary>
public sealed class CertificateValidator : EntityValidator<Certificate>
{
    protected override void Validate(Certificate certificate, FieldErrors errors)
    {
        CheckPair(certificate.Cert, certificate.Key, "cert", "key", errors);
        if ((certificate.CertAlt is null) != (certificate.KeyAlt is null))
        {
            errors.Add("@entity", "all or none of these fields must be set: 'cert_alt', 'key_alt'");
        }
        else if (certificate.CertAlt is not null)
        {
            CheckPair(certificate.CertAlt, certificate.KeyAlt!, "cert_alt", "key_alt", errors);
        }
    }

    /// <summary>Parses a PEM certificate, or returns null and records why not.</summary>
    public static X509Certificate2? ParseCertificate(string pem, string field, FieldErrors errors)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException e)
        {
            errors.Add(field, "invalid certificate: " + e.Message);
            return null;
        }
    }

    private static void CheckPair(string certPem, string keyPem, string certField, string keyField, FieldErrors errors)
    {
        using var certificate = ParseCertificate(certPem, certField, errors);
        if (certificate is null)
        {
            return;
        }
        try
        {
            using var withKey = X509Certificate2.CreateFromPem(certPem, keyPem);
        }
        catch (CryptographicException)
        {
            errors.Add(keyField, "invalid key: not a PEM private key, or it does not match the certificate");
        }
        catch (ArgumentException)
        {
            errors.Add(keyField, "invalid key: not a PEM private key");
        }
    }
}
