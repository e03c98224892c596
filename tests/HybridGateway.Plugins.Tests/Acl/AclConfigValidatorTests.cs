using HybridGateway.Plugins.Acl;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.Acl;

public sealed class AclConfigValidatorTests
{
    private const string Name = "acl";

    [Theory]
    [InlineData("""{}""", "@entity", "at least one of these fields must be non-empty: 'config.allow', 'config.deny'")]
    [InlineData("""{"allow":[],"deny":[]}""", "@entity", "at least one of these fields must be non-empty: 'config.allow', 'config.deny'")]
    [InlineData("""{"allow":null}""", "@entity", "at least one of these fields must be non-empty: 'config.allow', 'config.deny'")]
    [InlineData("""{"allow":["admins"],"deny":["banned"]}""", "@entity", "only one of these fields must be non-empty: 'config.allow', 'config.deny'")]
    [InlineData("""{"allow":["admins"],"include_consumer_groups":true}""", "include_consumer_groups", "consumer groups are not supported")]
    [InlineData("""{"allow":"admins"}""", "allow", "expected an array")]
    [InlineData("""{"allow":["admins",7]}""", "allow.1", "expected a string")]
    [InlineData("""{"allow":["admins"],"hide_groups_header":"yes"}""", "hide_groups_header", "expected a boolean")]
    [InlineData("""{"allow":["admins"],"whitelist":["x"]}""", "whitelist", "unknown field")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Theory]
    [InlineData("""{"allow":["admins"]}""")]
    [InlineData("""{"deny":["banned","blocked"]}""")]
    [InlineData("""{"allow":["admins"],"deny":[]}""")]
    [InlineData("""{"deny":["banned"],"hide_groups_header":true,"always_use_authenticated_groups":true}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_AllowOnly_FillsKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, """{"allow":["admins"]}""", """
            {
              "allow": ["admins"],
              "deny": null,
              "hide_groups_header": false,
              "always_use_authenticated_groups": false,
              "include_consumer_groups": false
            }
            """);

    [Fact]
    public void Definition_IsTheAclDefinition() => Assert.IsType<AclDefinition>(PluginConfigs.Definition(Name));
}
