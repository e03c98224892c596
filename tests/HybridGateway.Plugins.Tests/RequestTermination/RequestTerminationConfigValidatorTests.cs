using HybridGateway.Plugins.RequestTermination;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.RequestTermination;

public sealed class RequestTerminationConfigValidatorTests
{
    private const string Name = "request-termination";

    [Theory]
    [InlineData("""{"message":"down","body":"<h1>down</h1>","content_type":"text/html"}""", "message", "message cannot be used with content_type or body")]
    [InlineData("""{"content_type":"text/plain"}""", "content_type", "content_type requires a body")]
    [InlineData("""{"echo":true,"body":"x","content_type":"text/plain"}""", "echo", "echo cannot be used with content_type and body")]
    [InlineData("""{"echo":true,"body":"x"}""", "echo", "echo cannot be used with content_type and body")]
    [InlineData("""{"status_code":99}""", "status_code", "value should be between 100 and 599")]
    [InlineData("""{"status_code":600}""", "status_code", "value should be between 100 and 599")]
    [InlineData("""{"status_code":"503"}""", "status_code", "expected an integer")]
    [InlineData("""{"echo":"yes"}""", "echo", "expected a boolean")]
    [InlineData("""{"body":"x","content_type":"text/plain\r\nSet-Cookie: a=b"}""", "content_type", "must be a valid header value: printable ASCII, no line breaks")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"status_code":403,"message":"Forbidden"}""")]
    [InlineData("""{"status_code":200,"body":"{\"ok\":true}","content_type":"application/json"}""")]
    [InlineData("""{"body":"plain"}""")]
    [InlineData("""{"echo":true,"trigger":"x-terminate"}""")]
    [InlineData("""{"status_code":100}""")]
    [InlineData("""{"status_code":599}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_EmptyConfig_HasKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, "{}", """
            {
              "status_code": 503,
              "message": null,
              "content_type": null,
              "body": null,
              "echo": false,
              "trigger": null
            }
            """);

    [Fact]
    public void Definition_IsTheRequestTerminationDefinition() => Assert.IsType<RequestTerminationDefinition>(PluginConfigs.Definition(Name));
}
