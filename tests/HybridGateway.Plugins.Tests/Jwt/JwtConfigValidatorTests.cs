using HybridGateway.Plugins.Jwt;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.Jwt;

public sealed class JwtConfigValidatorTests
{
    private const string Name = "jwt";

    [Theory]
    [InlineData("""{"maximum_expiration":60}""", "claims_to_verify", "expected to contain: exp")]
    [InlineData("""{"maximum_expiration":60,"claims_to_verify":["nbf"]}""", "claims_to_verify", "expected to contain: exp")]
    [InlineData("""{"maximum_expiration":60,"claims_to_verify":[]}""", "claims_to_verify", "expected to contain: exp")]
    [InlineData("""{"key_claim_name":""}""", "key_claim_name", "length must be at least 1")]
    [InlineData("""{"claims_to_verify":["exp","iat"]}""", "claims_to_verify.1", "expected one of: exp, nbf")]
    [InlineData("""{"maximum_expiration":-1}""", "maximum_expiration", "value should be between 0 and 31536000")]
    [InlineData("""{"maximum_expiration":31536001,"claims_to_verify":["exp"]}""", "maximum_expiration", "value should be between 0 and 31536000")]
    [InlineData("""{"uri_param_names":"jwt"}""", "uri_param_names", "expected an array")]
    [InlineData("""{"secret_is_base64":"false"}""", "secret_is_base64", "expected a boolean")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"maximum_expiration":60,"claims_to_verify":["exp"]}""")]
    [InlineData("""{"maximum_expiration":31536000,"claims_to_verify":["nbf","exp"]}""")]
    [InlineData("""{"claims_to_verify":["nbf"],"key_claim_name":"kid","secret_is_base64":true}""")]
    [InlineData("""{"cookie_names":["session"],"header_names":["x-jwt"],"uri_param_names":[]}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_EmptyConfig_HasKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, "{}", """
            {
              "uri_param_names": ["jwt"],
              "cookie_names": [],
              "key_claim_name": "iss",
              "secret_is_base64": false,
              "claims_to_verify": null,
              "anonymous": null,
              "run_on_preflight": true,
              "maximum_expiration": 0,
              "header_names": ["authorization"],
              "realm": null
            }
            """);

    [Fact]
    public void Definition_IsTheJwtDefinition() => Assert.IsType<JwtDefinition>(PluginConfigs.Definition(Name));
}
