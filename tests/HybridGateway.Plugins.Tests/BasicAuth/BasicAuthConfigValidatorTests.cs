using HybridGateway.Plugins.BasicAuth;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.BasicAuth;

public sealed class BasicAuthConfigValidatorTests
{
    private const string Name = "basic-auth";

    [Theory]
    [InlineData("""{"realm":"my \"realm\""}""", "realm", "must not contain quotes or control characters")]
    [InlineData("""{"realm":"line\nbreak"}""", "realm", "must not contain quotes or control characters")]
    [InlineData("""{"realm":"tab\there"}""", "realm", "must not contain quotes or control characters")]
    [InlineData("""{"realm":5}""", "realm", "expected a string")]
    [InlineData("""{"hide_credentials":"true"}""", "hide_credentials", "expected a boolean")]
    [InlineData("""{"anonymous":false}""", "anonymous", "expected a string")]
    [InlineData("""{"brute_force_protection":{}}""", "brute_force_protection", "unknown field")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"realm":"My API (v2)","hide_credentials":true}""")]
    [InlineData("""{"anonymous":"9b7e5c1a-0000-4000-8000-000000000001"}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_EmptyConfig_HasKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, "{}", """
            {
              "anonymous": null,
              "hide_credentials": false,
              "realm": "service"
            }
            """);

    [Fact]
    public void Definition_IsTheBasicAuthDefinition() => Assert.IsType<BasicAuthDefinition>(PluginConfigs.Definition(Name));
}
