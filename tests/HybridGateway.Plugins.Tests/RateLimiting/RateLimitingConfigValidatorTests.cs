using HybridGateway.Plugins.RateLimiting;
using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.RateLimiting;

public sealed class RateLimitingConfigValidatorTests
{
    private const string Name = "rate-limiting";

    [Theory]
    // at least one window
    [InlineData("""{}""", "@entity", "at least one of these fields must be non-empty: 'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'")]
    [InlineData("""{"minute":null,"limit_by":"ip"}""", "@entity", "at least one of these fields must be non-empty")]
    // a longer window never allows less than a shorter one
    [InlineData("""{"second":10,"minute":5}""", "minute", "The limit for minute(5.0) cannot be lower than the limit for second(10.0)")]
    [InlineData("""{"minute":10,"hour":20,"day":15}""", "day", "The limit for day(15.0) cannot be lower than the limit for hour(20.0)")]
    [InlineData("""{"second":5,"hour":3}""", "hour", "The limit for hour(3.0) cannot be lower than the limit for second(5.0)")]
    [InlineData("""{"month":100,"year":99.5}""", "year", "The limit for year(99.5) cannot be lower than the limit for month(100.0)")]
    // what each limit_by needs
    [InlineData("""{"minute":5,"limit_by":"header"}""", "header_name", "required field missing when 'limit_by' is 'header'")]
    [InlineData("""{"minute":5,"limit_by":"header","header_name":""}""", "header_name", "required field missing when 'limit_by' is 'header'")]
    [InlineData("""{"minute":5,"limit_by":"path"}""", "path", "required field missing when 'limit_by' is 'path'")]
    [InlineData("""{"minute":5,"limit_by":"consumer-group"}""", "limit_by", "consumer groups are not supported")]
    [InlineData("""{"minute":5,"limit_by":"route"}""", "limit_by", "expected one of: consumer, credential, ip, service, header, path, consumer-group")]
    // limits are positive
    [InlineData("""{"second":0}""", "second", "value must be greater than 0")]
    [InlineData("""{"minute":5,"hour":0}""", "hour", "value must be greater than 0")]
    [InlineData("""{"minute":5,"fallback":"deny"}""", "fallback", "expected one of: allow, local_share")]
    [InlineData("""{"minute":5,"policy":"memory"}""", "policy", "expected one of: local, cluster, redis")]
    // field shapes and ranges
    [InlineData("""{"minute":-1}""", "minute", "value should be between 0 and")]
    [InlineData("""{"minute":"5"}""", "minute", "expected a number")]
    [InlineData("""{"minute":5,"path":"api"}""", "path", "should start with: /")]
    [InlineData("""{"minute":5,"error_code":1001}""", "error_code", "value should be between 0 and 1000")]
    [InlineData("""{"minute":5,"error_code":429.5}""", "error_code", "expected an integer")]
    [InlineData("""{"minute":5,"redis_port":65536}""", "redis_port", "value should be between 0 and 65535")]
    [InlineData("""{"minute":5,"fault_tolerant":"true"}""", "fault_tolerant", "expected a boolean")]
    public void Normalize_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors(Name, json), path, message);

    [Fact]
    public void Normalize_SeveralWindowsOutOfOrder_ReportsEachAgainstItsShorterNeighbour() =>
        Assert.Equal(
            [
                "day: The limit for day(1.0) cannot be lower than the limit for hour(100.0)",
                "minute: The limit for minute(5.0) cannot be lower than the limit for second(10.0)",
            ],
            PluginConfigs.Errors(Name, """{"second":10,"minute":5,"hour":100,"day":1}"""));

    [Theory]
    [InlineData("""{"minute":5}""")]
    [InlineData("""{"minute":5,"hour":5}""")]
    [InlineData("""{"second":1,"minute":60,"hour":3600,"day":86400,"month":2592000,"year":31536000}""")]
    [InlineData("""{"second":0.5,"year":100}""")]
    [InlineData("""{"minute":5,"limit_by":"header","header_name":"x-api-key"}""")]
    [InlineData("""{"minute":5,"limit_by":"path","path":"/api"}""")]
    [InlineData("""{"minute":5,"limit_by":"ip","policy":"cluster","hide_client_headers":true}""")]
    [InlineData("""{"minute":5,"error_code":503,"error_message":"slow down","sync_rate":10}""")]
    [InlineData("""{"minute":5,"policy":"redis","redis_host":"redis.internal"}""")]
    [InlineData("""{"minute":5,"policy":"cluster","fallback":"local_share"}""")]
    public void Normalize_GoodConfig_ReportsNothing(string json) =>
        Assert.Empty(PluginConfigs.Errors(Name, json));

    [Fact]
    public void Normalize_MinuteOnly_FillsKongsDefaults() =>
        PluginConfigs.AssertNormalizesTo(Name, """{"minute":5}""", """
            {
              "second": null,
              "minute": 5,
              "hour": null,
              "day": null,
              "month": null,
              "year": null,
              "limit_by": "consumer",
              "header_name": null,
              "path": null,
              "policy": "local",
              "fault_tolerant": true,
              "fallback": "allow",
              "hide_client_headers": false,
              "error_code": 429,
              "error_message": "API rate limit exceeded",
              "sync_rate": -1,
              "redis_host": null,
              "redis_port": 6379,
              "redis_username": null,
              "redis_password": null,
              "redis_ssl": false,
              "redis_ssl_verify": false,
              "redis_server_name": null,
              "redis_timeout": 2000,
              "redis_database": 0
            }
            """);

    [Fact]
    public void Definition_IsTheRateLimitingDefinition() => Assert.IsType<RateLimitingDefinition>(PluginConfigs.Definition(Name));
}
