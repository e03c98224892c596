using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class KeyAuthCredentialValidatorTests
{
    private const string Base = """{"consumer":{"id":"4a3b2c1d-0000-4000-8000-000000000007"}}""";

    [Theory]
    [InlineData("my-plain-api-key")]
    [InlineData("")]
    [InlineData("2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE")]
    [InlineData("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7a")]
    [InlineData("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7aee")]
    [InlineData("gc26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")]
    public void Validate_KeyHashThatIsNotALowercaseSha256_ReportsKeyHash(string keyHash) =>
        EntityChecks.AssertOnlyError(
            EntityChecks.Errors(EntityKinds.KeyAuthCredentials, "{\"key_hash\":\"" + keyHash + "\"}", Base),
            "key_hash",
            "expected a SHA-256 digest in lowercase hex (64 characters)");

    [Theory]
    [InlineData("""{"key_hash":"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"}""")]
    [InlineData("""{"key":"my-plain-api-key"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"key":"k","ttl":3600}""")]
    public void Validate_HashedKey_ReportsNothing(string json) =>
        Assert.Empty(EntityChecks.Errors(EntityKinds.KeyAuthCredentials, json, Base));
}
