using HybridGateway.Plugins.RequestTransformer;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.RequestTransformer;

public sealed class RequestTransformerConfigValidatorTests
{
    private const string Name = "request-transformer";

    [Theory]
    [InlineData("""{"http_method":"get"}""", "http_method", "invalid value: get")]
    [InlineData("""{"http_method":""}""", "http_method", "invalid value: ")]
    [InlineData("""{"http_method":"PO ST"}""", "http_method", "invalid value: PO ST")]
    [InlineData("""{"add":{"headers":["novalue"]}}""", "add.headers.0", "invalid value: novalue (expected name:value)")]
    [InlineData("""{"add":{"headers":[":v"]}}""", "add.headers.0", "invalid value: :v (expected name:value)")]
    [InlineData("""{"add":{"headers":["bad name:v"]}}""", "add.headers.0", "bad header name 'bad name', allowed characters are A-Z, a-z, 0-9, '_', and '-'")]
    [InlineData("""{"add":{"querystring":["q"]}}""", "add.querystring.0", "invalid value: q (expected name:value)")]
    [InlineData("""{"add":{"body":["ok:1","b"]}}""", "add.body.1", "invalid value: b (expected name:value)")]
    [InlineData("""{"append":{"headers":["x-a"]}}""", "append.headers.0", "invalid value: x-a (expected name:value)")]
    [InlineData("""{"rename":{"headers":["old"]}}""", "rename.headers.0", "invalid value: old (expected name:value)")]
    [InlineData("""{"rename":{"querystring":["a"]}}""", "rename.querystring.0", "invalid value: a (expected name:value)")]
    [InlineData("""{"replace":{"headers":["x"]}}""", "replace.headers.0", "invalid value: x (expected name:value)")]
    [InlineData("""{"replace":{"body":["x"]}}""", "replace.body.0", "invalid value: x (expected name:value)")]
    [InlineData("""{"remove":{"headers":["bad name"]}}""", "remove.headers.0", "bad header name 'bad name'")]
    [InlineData("""{"add":"x-a:1"}""", "add", "expected a record")]
    [InlineData("""{"add":{"headers":"x-a:1"}}""", "add.headers", "expected an array")]
    [InlineData("""{"add":{"cookies":[]}}""", "add.cookies", "unknown field")]
    [InlineData("""{"replace":{"uri":5}}""", "replace.uri", "expected a string")]
    [InlineData("""{"add":{"headers":["x-a:1\r\nx-injected: 1"]}}""", "add.headers.0", "must not contain CR or LF")]
    [InlineData("""{"append":{"querystring":["q:a\nb"]}}""", "append.querystring.0", "must not contain CR or LF")]
    [InlineData("""{"replace":{"uri":"/a\r\nHost: x"}}""", "replace.uri", "must be a path, without CR, LF or a query string")]
    [InlineData("""{"replace":{"uri":"/a?b=1"}}""", "replace.uri", "must be a path, without CR, LF or a query string")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Fact]
    public void Normalize_BadEntriesInSeveralOperations_ReportsEveryOne() =>
        Assert.Equal(
            [
                "add.headers.1: invalid value: b (expected name:value)",
                "append.body.0: invalid value: c (expected name:value)",
                "http_method: invalid value: get",
                "remove.headers.0: bad header name 'x y', allowed characters are A-Z, a-z, 0-9, '_', and '-'",
            ],
            PluginConfigs.Errors(Name, """{"http_method":"get","add":{"headers":["a:1","b"]},"append":{"body":["c"]},"remove":{"headers":["x y"]}}"""));

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"http_method":"POST"}""")]
    [InlineData("""{"add":{"headers":["x-a:1","x-b:"],"querystring":["q:v"],"body":["b:1"]}}""")]
    [InlineData("""{"rename":{"headers":["old:new"]},"replace":{"headers":["h:v"],"uri":"/new/path"},"append":{"headers":["x-a:2"]}}""")]
    [InlineData("""{"remove":{"headers":["x-secret"],"querystring":["token"],"body":["password"]}}""")]
    [InlineData("""{"add":{"headers":["x-time:a:b:c"]}}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_EmptyConfig_HasKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, "{}", """
            {
              "http_method": null,
              "remove": { "headers": [], "querystring": [], "body": [] },
              "rename": { "headers": [], "querystring": [], "body": [] },
              "replace": { "headers": [], "querystring": [], "body": [], "uri": null },
              "add": { "headers": [], "querystring": [], "body": [] },
              "append": { "headers": [], "querystring": [], "body": [] }
            }
            """);

    [Fact]
    public void Normalize_PartialOperation_FillsItsOtherLists() =>
        PluginConfigs.AssertNormalizesTo(Name, """{"add":{"headers":["x-a:1"]}}""", """
            {
              "http_method": null,
              "remove": { "headers": [], "querystring": [], "body": [] },
              "rename": { "headers": [], "querystring": [], "body": [] },
              "replace": { "headers": [], "querystring": [], "body": [], "uri": null },
              "add": { "headers": ["x-a:1"], "querystring": [], "body": [] },
              "append": { "headers": [], "querystring": [], "body": [] }
            }
            """);

    [Fact]
    public void Definition_IsTheRequestTransformerDefinition() => Assert.IsType<RequestTransformerDefinition>(PluginConfigs.Definition(Name));
}
