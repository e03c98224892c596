using System.Security.Cryptography;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class JwtSecretValidatorTests
{
    private const string Base = """{"consumer":{"id":"4a3b2c1d-0000-4000-8000-000000000007"},"key":"issuer-1"}""";

    // RFC 8410, section 10.1: an Ed25519 public key (.NET cannot make one).
    private const string Ed25519PublicKey = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----";

    private static readonly string RsaPublicKey = CreateRsaPublicKey();
    private static readonly string EcPublicKey = CreateEcPublicKey();

    public static TheoryData<string, string?, string, string> BadSecrets => new()
    {
        { "HS256", null, "secret", "required field missing when 'algorithm' is 'HS256'" },
        { "HS512", null, "secret", "required field missing when 'algorithm' is 'HS512'" },
        { "RS256", null, "rsa_public_key", "required field missing when 'algorithm' is 'RS256'" },
        { "ES256", null, "rsa_public_key", "required field missing when 'algorithm' is 'ES256'" },
        { "RS256", "   ", "rsa_public_key", "required field missing when 'algorithm' is 'RS256'" },
        { "RS256", "garbage", "rsa_public_key", "invalid key: not a PEM public key for RS256" },
        { "PS384", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "rsa_public_key", "invalid key: not a PEM public key for PS384" },
        { "RS256", EcPublicKey, "rsa_public_key", "invalid key: not a PEM public key for RS256" },
        { "ES256", RsaPublicKey, "rsa_public_key", "invalid key: not a PEM public key for ES256" },
        { "EdDSA", "not a pem", "rsa_public_key", "invalid key: not a PEM public key for EdDSA" },
    };

    [Theory]
    [MemberData(nameof(BadSecrets))]
    public void Validate_BadSecret_ReportsField(string algorithm, string? publicKey, string path, string message)
    {
        var body = EntityChecks.Merge(Base, "{}");
        body["algorithm"] = algorithm;
        if (algorithm.StartsWith("HS", StringComparison.Ordinal))
        {
            body["secret"] = ""; // an absent secret would be generated
        }
        if (publicKey is not null)
        {
            body["rsa_public_key"] = publicKey;
        }

        EntityChecks.AssertOnlyError(EntityChecks.Errors(EntityKinds.JwtSecrets, body), path, message);
    }

    public static TheoryData<string, string?, string?> GoodSecrets => new()
    {
        { "HS256", "a-shared-secret", null },
        { "HS384", null, null },
        { "RS256", null, RsaPublicKey },
        { "RS512", null, RsaPublicKey },
        { "PS256", null, RsaPublicKey },
        { "ES256", null, EcPublicKey },
        { "EdDSA", null, Ed25519PublicKey },
    };

    [Theory]
    [MemberData(nameof(GoodSecrets))]
    public void Validate_GoodSecret_ReportsNothing(string algorithm, string? secret, string? publicKey)
    {
        var body = EntityChecks.Merge(Base, "{}");
        body["algorithm"] = algorithm;
        body["secret"] = secret;
        body["rsa_public_key"] = publicKey;

        Assert.Empty(EntityChecks.Errors(EntityKinds.JwtSecrets, body));
    }

    [Fact]
    public void Validate_UnknownAlgorithm_IsRefusedWhenRead()
    {
        var result = TestConfig.Reader.Read(
            EntityKinds.JwtSecrets, EntityChecks.Merge(Base, """{"algorithm":"none"}"""), EntityChecks.NoNames);

        Assert.False(result.Success);
        Assert.Contains(result.Errors.Describe(), line => line.StartsWith("algorithm: expected one of: HS256", StringComparison.Ordinal));
    }

    private static string CreateRsaPublicKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    private static string CreateEcPublicKey()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportSubjectPublicKeyInfoPem();
    }
}
