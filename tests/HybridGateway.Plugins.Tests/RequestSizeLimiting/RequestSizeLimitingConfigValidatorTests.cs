using HybridGateway.Plugins.RequestSizeLimiting;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.RequestSizeLimiting;

public sealed class RequestSizeLimitingConfigValidatorTests
{
    private const string Name = "request-size-limiting";

    [Theory]
    [InlineData("""{"allowed_payload_size":0}""", "allowed_payload_size", "value should be between 1 and 2147483647")]
    [InlineData("""{"allowed_payload_size":0,"size_unit":"kilobytes"}""", "allowed_payload_size", "value should be between 1 and 2147483647")]
    [InlineData("""{"allowed_payload_size":-1}""", "allowed_payload_size", "value should be between 0 and 2147483647")]
    [InlineData("""{"allowed_payload_size":2147483648}""", "allowed_payload_size", "value should be between -2147483648 and 2147483647")]
    [InlineData("""{"allowed_payload_size":1.5}""", "allowed_payload_size", "expected an integer")]
    [InlineData("""{"size_unit":"gigabytes"}""", "size_unit", "expected one of: megabytes, kilobytes, bytes")]
    [InlineData("""{"require_content_length":"no"}""", "require_content_length", "expected a boolean")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"allowed_payload_size":0,"size_unit":"bytes"}""")]
    [InlineData("""{"allowed_payload_size":1,"size_unit":"megabytes","require_content_length":true}""")]
    [InlineData("""{"allowed_payload_size":2147483647,"size_unit":"kilobytes"}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_EmptyConfig_HasKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, "{}", """
            {
              "allowed_payload_size": 128,
              "size_unit": "megabytes",
              "require_content_length": false
            }
            """);

    [Fact]
    public void Definition_IsTheRequestSizeLimitingDefinition() => Assert.IsType<RequestSizeLimitingDefinition>(PluginConfigs.Definition(Name));
}
