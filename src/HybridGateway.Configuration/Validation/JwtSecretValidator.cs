using System.Security.Cryptography;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>HMAC algorithms need a secret; asymmetric ones need a public key that parses.</summary>
public sealed class JwtSecretValidator : EntityValidator<JwtSecret>
{
    protected override void Validate(JwtSecret secret, FieldErrors errors)
    {
        if (secret.Algorithm.StartsWith("HS", StringComparison.Ordinal))
        {
            if (string.IsNullOrEmpty(secret.Secret))
            {
                errors.Add("secret", "required field missing when 'algorithm' is '" + secret.Algorithm + "'");
            }
            return;
        }
        if (string.IsNullOrWhiteSpace(secret.RsaPublicKey))
        {
            errors.Add("rsa_public_key", "required field missing when 'algorithm' is '" + secret.Algorithm + "'");
            return;
        }
        if (!PublicKeyParses(secret.Algorithm, secret.RsaPublicKey))
        {
            errors.Add("rsa_public_key", "invalid key: not a PEM public key for " + secret.Algorithm);
        }
    }

    private static bool PublicKeyParses(string algorithm, string pem)
    {
        try
        {
            if (algorithm.StartsWith("ES", StringComparison.Ordinal))
            {
                using var ec = ECDsa.Create();
                ec.ImportFromPem(pem);
            }
            else if (algorithm == "EdDSA")
            {
                return pem.Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal);
            }
            else
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
            }
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}
