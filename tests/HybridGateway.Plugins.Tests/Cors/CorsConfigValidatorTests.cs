using HybridGateway.Plugins.Cors;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.Cors;

public sealed class CorsConfigValidatorTests
{
    private const string Name = "cors";

    [Theory]
    [InlineData("""{"headers":["X-Ok","bad header"]}""", "headers.1", "bad header name 'bad header', allowed characters are A-Z, a-z, 0-9, '_', and '-'")]
    [InlineData("""{"exposed_headers":["X-Total:Count"]}""", "exposed_headers.0", "bad header name 'X-Total:Count'")]
    [InlineData("""{"headers":[""]}""", "headers.0", "bad header name ''")]
    [InlineData("""{"methods":["GET","FETCH"]}""", "methods.1", "expected one of: GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS, TRACE, CONNECT")]
    [InlineData("""{"methods":["get"]}""", "methods.0", "expected one of: GET")]
    [InlineData("""{"max_age":-1}""", "max_age", "value should be between 0 and 2147483647")]
    [InlineData("""{"max_age":"3600"}""", "max_age", "expected a number")]
    [InlineData("""{"origins":"*"}""", "origins", "expected an array")]
    [InlineData("""{"credentials":1}""", "credentials", "expected a boolean")]
    [InlineData("""{"origins":["https://ok.test","https://(unclosed.test"]}""", "origins.1", "invalid regex:")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Fact]
    public void Normalize_BadAllowedAndExposedHeaders_ReportsBoth() =>
        Assert.Equal(
            [
                "exposed_headers.0: bad header name 'a b', allowed characters are A-Z, a-z, 0-9, '_', and '-'",
                "headers.0: bad header name 'c d', allowed characters are A-Z, a-z, 0-9, '_', and '-'",
            ],
            PluginConfigs.Errors(Name, """{"headers":["c d"],"exposed_headers":["a b"]}"""));

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"origins":["*"],"headers":["*"],"exposed_headers":["X-Total-Count"]}""")]
    [InlineData("""{"origins":["https://app.example.com","https://(.*)\\.example\\.com"],"methods":["GET","POST"],"max_age":3600,"credentials":true}""")]
    [InlineData("""{"private_network":true,"preflight_continue":true,"max_age":0}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_EmptyConfig_HasKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, "{}", """
            {
              "origins": null,
              "headers": null,
              "exposed_headers": null,
              "methods": ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"],
              "max_age": null,
              "credentials": false,
              "private_network": false,
              "preflight_continue": false
            }
            """);

    [Fact]
    public void Definition_IsTheCorsDefinition() => Assert.IsType<CorsDefinition>(PluginConfigs.Definition(Name));
}
