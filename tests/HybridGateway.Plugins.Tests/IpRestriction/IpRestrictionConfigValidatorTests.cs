using HybridGateway.Plugins.IpRestriction;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.IpRestriction;

public sealed class IpRestrictionConfigValidatorTests
{
    private const string Name = "ip-restriction";

    [Theory]
    [InlineData("""{}""", "@entity", "at least one of these fields must be non-empty: 'config.allow', 'config.deny'")]
    [InlineData("""{"allow":[],"deny":[]}""", "@entity", "at least one of these fields must be non-empty: 'config.allow', 'config.deny'")]
    [InlineData("""{"allow":"10.0.0.1"}""", "allow", "expected an array")]
    [InlineData("""{"allow":["10.0.0.1"],"status":99}""", "status", "value should be between 100 and 599")]
    [InlineData("""{"allow":["10.0.0.1"],"status":600}""", "status", "value should be between 100 and 599")]
    [InlineData("""{"allow":["10.0.0.1"],"message":404}""", "message", "expected a string")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Theory]
    [InlineData("300.1.1.1")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/")]
    [InlineData("example.com")]
    [InlineData("")]
    [InlineData(" 10.0.0.1")]
    [InlineData("::1/129")]
    // .NET reads "1.2.3" as 1.2.0.3 and "010.0.0.1" as 8.0.0.1 (Kong refuses the first and reads the second as 10.0.0.1).
    [InlineData("1.2.3")]
    [InlineData("10")]
    [InlineData("010.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("10.1/16")]
    [InlineData("010.0.0.0/8")]
    public void Normalize_EntryThatIsNotAnIpOrCidr_ReportsItsIndex(string entry)
    {
        var json = "{\"allow\":[\"10.0.0.1\"],\"deny\":[\"192.168.0.0/16\",\"" + entry + "\"]}";

        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), "deny.1", "invalid ip or cidr range: '" + entry + "'");
    }

    [Theory]
    [InlineData("""{"allow":["10.0.0.1"]}""")]
    [InlineData("""{"deny":["0.0.0.0/0"]}""")]
    [InlineData("""{"allow":["10.0.0.0/8","192.168.1.1","172.16.0.0/12","0.0.0.0"]}""")]
    [InlineData("""{"allow":["::1","2001:db8::/32","2001:db8::1/128"]}""")]
    [InlineData("""{"allow":["10.0.0.1/8"]}""")]
    [InlineData("""{"deny":["10.0.0.1"],"status":403,"message":"Your IP address is not allowed"}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_AllowOnly_FillsKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, """{"allow":["10.0.0.1"]}""", """
            {
              "allow": ["10.0.0.1"],
              "deny": null,
              "status": null,
              "message": null
            }
            """);

    [Fact]
    public void Definition_IsTheIpRestrictionDefinition() => Assert.IsType<IpRestrictionDefinition>(PluginConfigs.Definition(Name));
}
