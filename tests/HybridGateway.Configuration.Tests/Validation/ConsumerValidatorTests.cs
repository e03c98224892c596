using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class ConsumerValidatorTests
{
    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"username":""}""")]
    [InlineData("""{"custom_id":""}""")]
    [InlineData("""{"username":"","custom_id":""}""")]
    [InlineData("""{"username":null,"custom_id":null}""")]
    public void Validate_NoUsernameNorCustomId_ReportsEntity(string json) =>
        EntityChecks.AssertOnlyError(
            EntityChecks.Errors(EntityKinds.Consumers, json),
            "@entity",
            "at least one of these fields must be non-empty: 'custom_id', 'username'");

    [Theory]
    [InlineData("""{"username":"alice"}""")]
    [InlineData("""{"custom_id":"42"}""")]
    [InlineData("""{"username":"alice","custom_id":"42"}""")]
    [InlineData("""{"username":"","custom_id":"42"}""")]
    public void Validate_UsernameOrCustomId_ReportsNothing(string json) =>
        Assert.Empty(EntityChecks.Errors(EntityKinds.Consumers, json));
}
