using HybridGateway.Plugins.Prometheus;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.Prometheus;

public sealed class PrometheusConfigValidatorTests
{
    private const string Name = "prometheus";

    [Theory]
    [InlineData("""{"ai_metrics":true}""", "ai_metrics", "AI metrics are not supported")]
    [InlineData("""{"per_consumer":"yes"}""", "per_consumer", "expected a boolean")]
    [InlineData("""{"wasm_metrics":true}""", "wasm_metrics", "unknown field")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"ai_metrics":false}""")]
    [InlineData("""{"per_consumer":true,"status_code_metrics":true,"latency_metrics":true,"bandwidth_metrics":true,"upstream_health_metrics":true}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_EmptyConfig_HasKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, "{}", """
            {
              "per_consumer": false,
              "status_code_metrics": false,
              "latency_metrics": false,
              "bandwidth_metrics": false,
              "upstream_health_metrics": false,
              "ai_metrics": false
            }
            """);

    [Fact]
    public void Definition_IsThePrometheusDefinition() => Assert.IsType<PrometheusDefinition>(PluginConfigs.Definition(Name));
}
