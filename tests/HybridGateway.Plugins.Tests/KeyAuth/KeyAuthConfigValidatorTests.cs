using HybridGateway.Plugins.KeyAuth;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.KeyAuth;

public sealed class KeyAuthConfigValidatorTests
{
    private const string Name = "key-auth";

    [Theory]
    [InlineData("""{"key_names":[]}""", "key_names", "length must be at least 1")]
    [InlineData("""{"key_names":["api key"]}""", "key_names.0", "bad header name 'api key', allowed characters are A-Z, a-z, 0-9, '_', and '-'")]
    [InlineData("""{"key_names":["apikey","x@y"]}""", "key_names.1", "bad header name 'x@y'")]
    [InlineData("""{"key_names":[""]}""", "key_names.0", "bad header name ''")]
    [InlineData("""{"key_names":"apikey"}""", "key_names", "expected an array")]
    [InlineData("""{"key_in_header":false,"key_in_query":false,"key_in_body":false}""", "@entity", "at least one of 'key_in_header', 'key_in_query', 'key_in_body' must be true")]
    [InlineData("""{"key_in_header":false,"key_in_query":false}""", "@entity", "at least one of 'key_in_header', 'key_in_query', 'key_in_body' must be true")]
    [InlineData("""{"hide_credentials":"no"}""", "hide_credentials", "expected a boolean")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"key_names":["apikey","X-API-Key","x_api_key2"]}""")]
    [InlineData("""{"key_in_header":false,"key_in_query":false,"key_in_body":true}""")]
    [InlineData("""{"hide_credentials":true,"anonymous":"guest","realm":"api","run_on_preflight":false}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_EmptyConfig_HasKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, "{}", """
            {
              "key_names": ["apikey"],
              "hide_credentials": false,
              "anonymous": null,
              "key_in_header": true,
              "key_in_query": true,
              "key_in_body": false,
              "run_on_preflight": true,
              "realm": null
            }
            """);

    [Fact]
    public void Normalize_NullKeyNames_FallsBackToTheDefault() =>
        Assert.Equal(["apikey"], PluginConfigs.Normalized(Name, """{"key_names":null}""")["key_names"]!.AsArray().Select(n => (string?)n));

    [Fact]
    public void Definition_IsTheKeyAuthDefinition() => Assert.IsType<KeyAuthDefinition>(PluginConfigs.Definition(Name));
}
