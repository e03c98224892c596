using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class CertificateValidatorTests
{
    private const string Garbage = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----";

    public static TheoryData<string, string, string?, string?, string, string> BadCertificates => new()
    {
        { "not a pem", TestCertificates.Rsa.Key, null, null, "cert", "invalid certificate: " },
        { Garbage, TestCertificates.Rsa.Key, null, null, "cert", "invalid certificate: " },
        { TestCertificates.Rsa.Cert, "not a pem", null, null, "key", "invalid key" },
        { TestCertificates.Rsa.Cert, TestCertificates.OtherRsa.Key, null, null, "key", "invalid key: not a PEM private key, or it does not match the certificate" },
        { TestCertificates.Rsa.Cert, TestCertificates.Ecdsa.Key, null, null, "key", "invalid key" },
        { TestCertificates.Rsa.Cert, TestCertificates.Rsa.Key, TestCertificates.Ecdsa.Cert, null, "@entity", "all or none of these fields must be set: 'cert_alt', 'key_alt'" },
        { TestCertificates.Rsa.Cert, TestCertificates.Rsa.Key, null, TestCertificates.Ecdsa.Key, "@entity", "all or none of these fields must be set: 'cert_alt', 'key_alt'" },
        { TestCertificates.Rsa.Cert, TestCertificates.Rsa.Key, "not a pem", TestCertificates.Ecdsa.Key, "cert_alt", "invalid certificate: " },
        { TestCertificates.Rsa.Cert, TestCertificates.Rsa.Key, TestCertificates.Ecdsa.Cert, TestCertificates.OtherRsa.Key, "key_alt", "invalid key" },
    };

    [Theory]
    [MemberData(nameof(BadCertificates))]
    public void Validate_BadCertificate_ReportsField(string cert, string key, string? certAlt, string? keyAlt, string path, string message) =>
        EntityChecks.AssertOnlyError(EntityChecks.Errors(EntityKinds.Certificates, Body(cert, key, certAlt, keyAlt)), path, message);

    [Fact]
    public void Validate_MatchingPair_ReportsNothing() =>
        Assert.Empty(EntityChecks.Errors(EntityKinds.Certificates, Body(TestCertificates.Rsa.Cert, TestCertificates.Rsa.Key, null, null)));

    [Fact]
    public void Validate_MatchingPairAndAlternatePair_ReportsNothing() =>
        Assert.Empty(EntityChecks.Errors(
            EntityKinds.Certificates,
            Body(TestCertificates.Rsa.Cert, TestCertificates.Rsa.Key, TestCertificates.Ecdsa.Cert, TestCertificates.Ecdsa.Key)));

    [Fact]
    public void Validate_BothPairsBad_ReportsEach()
    {
        var errors = EntityChecks.Errors(
            EntityKinds.Certificates,
            Body(TestCertificates.Rsa.Cert, TestCertificates.OtherRsa.Key, TestCertificates.Ecdsa.Cert, TestCertificates.Rsa.Key));

        Assert.Equal(2, errors.Length);
        Assert.StartsWith("key: invalid key", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("key_alt: invalid key", errors[1], StringComparison.Ordinal);
    }

    private static JsonObject Body(string cert, string key, string? certAlt, string? keyAlt)
    {
        var body = new JsonObject { ["cert"] = cert, ["key"] = key };
        if (certAlt is not null)
        {
            body["cert_alt"] = certAlt;
        }
        if (keyAlt is not null)
        {
            body["key_alt"] = keyAlt;
        }
        return body;
    }
}
