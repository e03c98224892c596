using HybridGateway.Plugins.ResponseTransformer;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.ResponseTransformer;

public sealed class ResponseTransformerConfigValidatorTests
{
    private const string Name = "response-transformer";

    [Theory]
    [InlineData("""{"rename":{"headers":["x-old"]}}""", "rename.headers.0", "invalid value: x-old (expected name:value)")]
    [InlineData("""{"add":{"headers":["x-a:1\r\nSet-Cookie: s=1"]}}""", "add.headers.0", "must not contain CR or LF")]
    [InlineData("""{"rename":{"json":["a"]}}""", "rename.json.0", "invalid value: a (expected name:value)")]
    [InlineData("""{"add":{"json":["ok:1","novalue"]}}""", "add.json.1", "invalid value: novalue (expected name:value)")]
    [InlineData("""{"add":{"headers":[":v"]}}""", "add.headers.0", "invalid value: :v (expected name:value)")]
    [InlineData("""{"append":{"headers":["x-a"]}}""", "append.headers.0", "invalid value: x-a (expected name:value)")]
    [InlineData("""{"append":{"json":["k"]}}""", "append.json.0", "invalid value: k (expected name:value)")]
    [InlineData("""{"replace":{"headers":["h"]}}""", "replace.headers.0", "invalid value: h (expected name:value)")]
    [InlineData("""{"replace":{"json":["j"]}}""", "replace.json.0", "invalid value: j (expected name:value)")]
    [InlineData("""{"replace":{"json_types":["object"]}}""", "replace.json_types.0", "expected one of: boolean, number, string")]
    [InlineData("""{"add":{"json_types":["string","array"]}}""", "add.json_types.1", "expected one of: boolean, number, string")]
    [InlineData("""{"remove":{"json_types":["string"]}}""", "remove.json_types", "unknown field")]
    [InlineData("""{"remove":"x"}""", "remove", "expected a record")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"remove":{"headers":["x-powered-by"],"json":["secret"]}}""")]
    [InlineData("""{"rename":{"headers":["x-old:x-new"],"json":["a:b"]}}""")]
    [InlineData("""{"add":{"headers":["x-a:1"],"json":["count:1","flag:true"],"json_types":["number","boolean"]}}""")]
    [InlineData("""{"replace":{"json":["name:x"],"json_types":["string"]},"append":{"headers":["x-a:2"]}}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_EmptyConfig_HasKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, "{}", """
            {
              "remove": { "headers": [], "json": [] },
              "rename": { "headers": [], "json": [] },
              "replace": { "headers": [], "json": [], "json_types": [] },
              "add": { "headers": [], "json": [], "json_types": [] },
              "append": { "headers": [], "json": [], "json_types": [] }
            }
            """);

    [Fact]
    public void Definition_IsTheResponseTransformerDefinition() => Assert.IsType<ResponseTransformerDefinition>(PluginConfigs.Definition(Name));
}
