using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class BasicAuthCredentialValidatorTests
{
    private const string Base = """{"consumer":{"id":"4a3b2c1d-0000-4000-8000-000000000007"},"username":"alice"}""";

    [Theory]
    [InlineData("hunter2")]
    [InlineData("")]
    [InlineData("$pbkdf2-sha256$i=999$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("$pbkdf2-sha256$i=100000$c2FsdHNhbHRzYWx0c2FsdA==")]
    [InlineData("$pbkdf2-sha256$i=100000$not base64!$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("$bcrypt$i=100000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    public void Validate_PasswordHashNotInOurFormat_ReportsPasswordHash(string passwordHash)
    {
        var body = EntityChecks.Merge(Base, "{}");
        body["password_hash"] = passwordHash;

        EntityChecks.AssertOnlyError(
            EntityChecks.Errors(EntityKinds.BasicAuthCredentials, body),
            "password_hash",
            "expected a hash of the form $pbkdf2-sha256$i=<iterations>$<salt>$<hash>");
    }

    [Fact]
    public void Validate_Password_IsHashedAndReportsNothing() =>
        Assert.Empty(EntityChecks.Errors(EntityKinds.BasicAuthCredentials, """{"password":"hunter2"}""", Base));

    [Fact]
    public void Validate_ExportedPasswordHash_ReportsNothing()
    {
        var body = EntityChecks.Merge(Base, "{}");
        body["password_hash"] = PasswordHash.Create("hunter2", iterations: 1_000);

        Assert.Empty(EntityChecks.Errors(EntityKinds.BasicAuthCredentials, body));
    }
}
