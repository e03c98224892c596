using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class CaCertificateValidatorTests
{
    private const string WrongDigest = "0000000000000000000000000000000000000000000000000000000000000000";

    public static TheoryData<string, string?, string, string> BadCaCertificates => new()
    {
        { "not a pem", null, "cert", "invalid certificate: " },
        { TestCertificates.Rsa.Cert, null, "cert", "certificate does not appear to be a CA because it is missing the \"CA\" basic constraint" },
        { TestCertificates.NotCa.Cert, null, "cert", "certificate does not appear to be a CA because it is missing the \"CA\" basic constraint" },
        { TestCertificates.Ca.Cert, WrongDigest, "cert_digest", "does not match the certificate (expected the SHA-256 of its DER encoding)" },
        { TestCertificates.Ca.Cert, TestCertificates.Digest(TestCertificates.Rsa.Cert), "cert_digest", "does not match the certificate" },
    };

    [Theory]
    [MemberData(nameof(BadCaCertificates))]
    public void Validate_BadCaCertificate_ReportsField(string cert, string? digest, string path, string message) =>
        EntityChecks.AssertOnlyError(EntityChecks.Errors(EntityKinds.CaCertificates, Body(cert, digest)), path, message);

    [Fact]
    public void Validate_CaWithoutDigest_ReportsNothing() =>
        Assert.Empty(EntityChecks.Errors(EntityKinds.CaCertificates, Body(TestCertificates.Ca.Cert, null)));

    [Fact]
    public void Validate_CaWithItsDigestInEitherCase_ReportsNothing()
    {
        var digest = TestCertificates.Digest(TestCertificates.Ca.Cert);

        Assert.Empty(EntityChecks.Errors(EntityKinds.CaCertificates, Body(TestCertificates.Ca.Cert, digest)));
        Assert.Empty(EntityChecks.Errors(EntityKinds.CaCertificates, Body(TestCertificates.Ca.Cert, digest.ToUpperInvariant())));
    }

    [Fact]
    public void Validate_LeafWithWrongDigest_ReportsBothProblems()
    {
        var errors = EntityChecks.Errors(EntityKinds.CaCertificates, Body(TestCertificates.Rsa.Cert, WrongDigest));

        Assert.Equal(2, errors.Length);
        Assert.StartsWith("cert: certificate does not appear to be a CA", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("cert_digest: does not match the certificate", errors[1], StringComparison.Ordinal);
    }

    private static JsonObject Body(string cert, string? digest)
    {
        var body = new JsonObject { ["cert"] = cert };
        if (digest is not null)
        {
            body["cert_digest"] = digest;
        }
        return body;
    }
}
