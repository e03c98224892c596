using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class SniValidatorTests
{
    private const string Base = """{"certificate":{"id":"4a3b2c1d-0000-4000-8000-000000000009"}}""";

    [Theory]
    [InlineData("1.2.3.4", "must not be an IP or contain a port")]
    [InlineData("::1", "must not be an IP or contain a port")]
    [InlineData("[::1]", "must not be an IP or contain a port")]
    [InlineData("example.com:443", "must not be an IP or contain a port")]
    [InlineData("*.*.example.com", "invalid wildcard: must have at most one wildcard")]
    [InlineData("foo.*.com", "invalid wildcard: must be placed at leftmost or rightmost label")]
    [InlineData("*foo.com", "invalid wildcard: must be placed at leftmost or rightmost label")]
    [InlineData("exa mple.com", "invalid hostname: exa mple.com")]
    [InlineData("-example.com", "invalid hostname: -example.com")]
    public void Validate_BadName_ReportsName(string name, string message) =>
        EntityChecks.AssertOnlyError(
            EntityChecks.Errors(EntityKinds.Snis, "{\"name\":\"" + name + "\"}", Base), "name", message);

    [Theory]
    [InlineData("example.com")]
    [InlineData("*.example.com")]
    [InlineData("example.*")]
    [InlineData("my_host.internal")]
    public void Validate_GoodName_ReportsNothing(string name) =>
        Assert.Empty(EntityChecks.Errors(EntityKinds.Snis, "{\"name\":\"" + name + "\"}", Base));
}
