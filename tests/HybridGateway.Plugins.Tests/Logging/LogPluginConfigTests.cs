using HybridGateway.Plugins.Tests.Support;

namespace HybridGateway.Plugins.Tests.Logging;

/// <summary>file-log, http-log and opentelemetry configs, accepted and refused as Kong's schemas do.</summary>
public sealed class LogPluginConfigTests
{
    [Theory]
    [InlineData("""{"path":"/var/log/kong/*.log"}""", "path", "not a valid filename")]
    [InlineData("""{"path":"/tmp/a&b"}""", "path", "not a valid filename")]
    [InlineData("""{"path":"/tmp/100%"}""", "path", "not a valid filename")]
    [InlineData("""{"path":"/tmp/`id`"}""", "path", "not a valid filename")]
    [InlineData("""{"path":"C:\\logs\\kong.log"}""", "path", "not a valid filename")]
    [InlineData("""{}""", "path", "required field missing")]
    [InlineData("""{"path":"/tmp/x.log","reopen":"yes"}""", "reopen", "expected a boolean")]
    [InlineData("""{"path":"/tmp/x.log","custom_fields_by_lua":{"a":"return 1"}}""", "custom_fields_by_lua", "runs no Lua")]
    public void FileLog_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors("file-log", json), path, message);

    [Fact]
    public void FileLog_Defaults_AreKongs() =>
        PluginConfigs.AssertNormalizesTo("file-log", """{"path":"/tmp/kong.log"}""",
            """{"path":"/tmp/kong.log","reopen":false,"custom_fields_by_lua":null}""");

    [Theory]
    [InlineData("""{}""", "http_endpoint", "required field missing")]
    [InlineData("""{"http_endpoint":"not a url"}""", "http_endpoint", "must be an http or https URL")]
    [InlineData("""{"http_endpoint":"ftp://logs.example.com/x"}""", "http_endpoint", "must be an http or https URL")]
    [InlineData("""{"http_endpoint":"http://logs:9000","method":"GET"}""", "method", "expected one of: POST, PUT, PATCH")]
    [InlineData("""{"http_endpoint":"http://logs:9000","content_type":"text/plain"}""", "content_type", "expected one of")]
    [InlineData("""{"http_endpoint":"http://logs:9000","headers":{"Host":"x"}}""", "headers", "cannot contain 'Host' header")]
    [InlineData("""{"http_endpoint":"http://logs:9000","headers":{"content-length":"1"}}""", "headers", "cannot contain 'Content-Length' header")]
    [InlineData("""{"http_endpoint":"http://logs:9000","headers":{"Content-Type":"x"}}""", "headers", "cannot contain 'Content-Type' header")]
    [InlineData("""{"http_endpoint":"http://logs:9000","headers":{"bad header":"x"}}""", "headers", "bad header name")]
    [InlineData("""{"http_endpoint":"http://logs:9000","headers":{"X-A":["x"]}}""", "headers.X-A", "expected a string")]
    [InlineData("""{"http_endpoint":"http://u:p@logs:9000","headers":{"Authorization":"Bearer x"}}""", "@entity", "both an 'Authorization' header and user info")]
    [InlineData("""{"http_endpoint":"http://logs:9000","queue":{"max_batch_size":0}}""", "queue.max_batch_size", "between 1 and 1000000")]
    [InlineData("""{"http_endpoint":"http://logs:9000","queue":{"max_coalescing_delay":3601}}""", "queue.max_coalescing_delay", "between 0 and 3600")]
    [InlineData("""{"http_endpoint":"http://logs:9000","queue":{"concurrency_limit":2}}""", "queue.concurrency_limit", "expected one of: -1, 1")]
    [InlineData("""{"http_endpoint":"http://logs:9000","queue":{"initial_retry_delay":0}}""", "queue.initial_retry_delay", "between 0.001 and 1000000")]
    [InlineData("""{"http_endpoint":"http://logs:9000","custom_fields_by_lua":{"a":"return 1"}}""", "custom_fields_by_lua", "runs no Lua")]
    public void HttpLog_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors("http-log", json), path, message);

    [Theory]
    [InlineData("""{"http_endpoint":"https://logs.example.com/ingest","method":"PUT","content_type":"application/json; charset=utf-8"}""")]
    [InlineData("""{"http_endpoint":"http://user:pass@logs:9000/x","headers":{"X-Api-Key":"k"}}""")]
    [InlineData("""{"http_endpoint":"http://logs:9000","retry_count":10,"queue_size":1,"flush_timeout":2}""")]
    [InlineData("""{"http_endpoint":"http://logs:9000","queue":{"max_batch_size":100,"max_retry_time":-1,"concurrency_limit":-1}}""")]
    public void HttpLog_GoodConfig_ReportsNothing(string json) => Assert.Empty(PluginConfigs.Errors("http-log", json));

    [Fact]
    public void HttpLog_Defaults_AreKongs() =>
        PluginConfigs.AssertNormalizesTo("http-log", """{"http_endpoint":"http://logs:9000"}""", """
            {
              "http_endpoint": "http://logs:9000", "method": "POST", "content_type": "application/json",
              "timeout": 10000, "keepalive": 60000, "headers": null,
              "queue": { "max_batch_size": 1, "max_coalescing_delay": 1, "max_entries": 10000, "max_bytes": null,
                         "max_retry_time": 60, "initial_retry_delay": 0.01, "max_retry_delay": 60, "concurrency_limit": 1 },
              "custom_fields_by_lua": null, "retry_count": null, "queue_size": null, "flush_timeout": null
            }
            """);

    [Theory]
    [InlineData("""{}""", "@entity", "at least one of these fields must be non-empty")]
    [InlineData("""{"traces_endpoint":"collector:4318"}""", "traces_endpoint", "must be an http or https URL")]
    [InlineData("""{"traces_endpoint":"http://c:4318/v1/traces","sampling_rate":1.5}""", "sampling_rate", "between 0 and 1")]
    [InlineData("""{"traces_endpoint":"http://c:4318/v1/traces","header_type":"zipkin"}""", "header_type", "expected one of")]
    [InlineData("""{"traces_endpoint":"http://c:4318/v1/traces","propagation":{"extract":["b3-single"]}}""", "propagation.extract", "expected one of")]
    [InlineData("""{"traces_endpoint":"http://c:4318/v1/traces","propagation":{"inject":["zipkin"]}}""", "propagation.inject", "expected one of")]
    [InlineData("""{"traces_endpoint":"http://c:4318/v1/traces","propagation":{"default_format":"preserve"}}""", "propagation.default_format", "expected one of")]
    [InlineData("""{"traces_endpoint":"http://c:4318/v1/traces","resource_attributes":{"team":""}}""", "resource_attributes", "must not be empty")]
    [InlineData("""{"traces_endpoint":"http://c:4318/v1/traces","connect_timeout":-1}""", "connect_timeout", "between 0 and")]
    [InlineData("""{"traces_endpoint":"http://c:4318/v1/traces","http_response_header_for_traceid":"trace id"}""", "http_response_header_for_traceid", "bad header name")]
    public void OpenTelemetry_BadConfig_ReportsField(string json, string path, string message) =>
        PluginConfigs.AssertOnlyError(PluginConfigs.Errors("opentelemetry", json), path, message);

    [Theory]
    [InlineData("""{"traces_endpoint":"http://otel-collector:4318/v1/traces"}""")]
    [InlineData("""{"endpoint":"http://otel-collector:4318/v1/traces","header_type":"w3c","batch_span_count":100}""")]
    [InlineData("""{"logs_endpoint":"http://otel-collector:4318/v1/logs"}""")]
    [InlineData("""{"traces_endpoint":"https://c/v1/traces","headers":{"Authorization":"Bearer t"},"sampling_rate":0.25,"propagation":{"extract":["w3c","b3"],"inject":["preserve","b3-single"],"clear":["x-b3-sampled"],"default_format":"b3"}}""")]
    public void OpenTelemetry_GoodConfig_ReportsNothing(string json) => Assert.Empty(PluginConfigs.Errors("opentelemetry", json));

    [Fact]
    public void OpenTelemetry_Defaults_AreKongs()
    {
        var config = PluginConfigs.Normalized("opentelemetry", """{"traces_endpoint":"http://c:4318/v1/traces"}""");
        Assert.Equal(200, config["queue"]!["max_batch_size"]!.GetValue<int>());
        Assert.Equal("preserve", config["header_type"]!.GetValue<string>());
        Assert.Equal("w3c", config["propagation"]!["default_format"]!.GetValue<string>());
        Assert.Equal((1000, 5000, 5000), (config["connect_timeout"]!.GetValue<int>(), config["send_timeout"]!.GetValue<int>(), config["read_timeout"]!.GetValue<int>()));
        Assert.Null(config["sampling_rate"]);
    }
}
