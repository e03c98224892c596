using HybridGateway.Plugins.CorrelationId;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.CorrelationId;

public sealed class CorrelationIdConfigValidatorTests
{
    private const string Name = "correlation-id";

    [Theory]
    [InlineData("""{"header_name":"Request Id"}""", "header_name", "bad header name 'Request Id', allowed characters are A-Z, a-z, 0-9, '_', and '-'")]
    [InlineData("""{"header_name":""}""", "header_name", "bad header name '', allowed characters are A-Z, a-z, 0-9, '_', and '-'")]
    [InlineData("""{"header_name":"X-Id:"}""", "header_name", "bad header name 'X-Id:'")]
    [InlineData("""{"generator":"random"}""", "generator", "expected one of: uuid, uuid#counter, tracker")]
    [InlineData("""{"echo_downstream":"yes"}""", "echo_downstream", "expected a boolean")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"header_name":"X_Request-Id2","generator":"uuid","echo_downstream":true}""")]
    [InlineData("""{"generator":"tracker"}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_EmptyConfig_HasKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, "{}", """
            {
              "header_name": "Kong-Request-ID",
              "generator": "uuid#counter",
              "echo_downstream": false
            }
            """);

    [Fact]
    public void Definition_IsTheCorrelationIdDefinition() => Assert.IsType<CorrelationIdDefinition>(PluginConfigs.Definition(Name));
}
