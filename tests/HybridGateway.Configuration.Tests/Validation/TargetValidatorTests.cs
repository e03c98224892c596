using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class TargetValidatorTests
{
    private const string Base = """{"upstream":{"id":"4a3b2c1d-0000-4000-8000-000000000005"}}""";

    [Theory]
    [InlineData("bad host:80")]
    [InlineData("-example.com")]
    [InlineData("example.com:0")]
    [InlineData("example.com:65536")]
    [InlineData("example.com:http")]
    [InlineData("example.com:")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("1.2.3.4:80:90")]
    [InlineData("")]
    public void Validate_InvalidAddress_ReportsTarget(string address)
    {
        var json = "{\"target\":\"" + address + "\"}";

        EntityChecks.AssertOnlyError(
            EntityChecks.Errors(EntityKinds.Targets, json, Base),
            "target",
            "Invalid target ('");
    }

    [Fact]
    public void Validate_InvalidAddress_NamesTheAddressAsKongDoes() =>
        EntityChecks.AssertOnlyError(
            EntityChecks.Errors(EntityKinds.Targets, """{"target":"bad host:80"}""", Base),
            "target",
            "Invalid target ('bad host:80'); not a valid hostname or ip address");

    [Theory]
    [InlineData("example.com:80")]
    [InlineData("example.com")]
    [InlineData("my_host:443")]
    [InlineData("10.0.0.1")]
    [InlineData("10.0.0.1:65535")]
    [InlineData("::1")]
    [InlineData("[::1]:8080")]
    [InlineData("[2001:db8::1]")]
    public void Validate_ValidAddress_ReportsNothing(string address) =>
        Assert.Empty(EntityChecks.Errors(EntityKinds.Targets, "{\"target\":\"" + address + "\"}", Base));
}
