using HybridGateway.DataPlane.Pipeline;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline.Logging;

public sealed class OpenTelemetryHandlerTests
{
    private const string Trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ClientSpan = "00f067aa0ba902b7";

    [Fact]
    public async Task Preserve_ContinuesTheCallersFormat_WithTheGatewaysSpanAsParent()
    {
        var http = await RunAsync("""{"traces_endpoint":"http://127.0.0.1:9/v1/traces","sampling_rate":0}""", ("X-B3-TraceId", Trace), ("X-B3-SpanId", ClientSpan), ("X-B3-Sampled", "1"));

        var headers = http.Request.Headers;
        Assert.Equal(Trace, headers["X-B3-TraceId"]);
        Assert.NotEqual(ClientSpan, headers["X-B3-SpanId"].ToString());
        Assert.Equal(ClientSpan, headers["X-B3-ParentSpanId"]);
        Assert.Equal("1", headers["X-B3-Sampled"]); // the caller's decision wins over the rate
        Assert.False(headers.ContainsKey("traceparent"));
    }

    [Fact]
    public async Task NoIncomingContext_StartsATrace_InTheDefaultFormat_SampledByTheRate()
    {
        var http = await RunAsync("""{"traces_endpoint":"http://127.0.0.1:9/v1/traces","sampling_rate":0,"http_response_header_for_traceid":"X-Trace-Id"}""");

        var traceparent = http.Request.Headers["traceparent"].ToString();
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-00$", traceparent);
        Assert.Equal(traceparent.Split('-')[1], http.Response.Headers["X-Trace-Id"]);
    }

    [Fact]
    public async Task Propagation_ClearsAndInjectsTheConfiguredFormats()
    {
        var http = await RunAsync(
            """{"traces_endpoint":"http://127.0.0.1:9/v1/traces","propagation":{"extract":["w3c"],"clear":["x-b3-sampled"],"inject":["b3-single","w3c"]}}""",
            ("traceparent", "00-" + Trace + "-" + ClientSpan + "-01"), ("X-B3-Sampled", "0"));

        var headers = http.Request.Headers;
        Assert.False(headers.ContainsKey("X-B3-Sampled"));
        Assert.StartsWith(Trace + "-", headers["b3"].ToString(), StringComparison.Ordinal);
        Assert.EndsWith("-1-" + ClientSpan, headers["b3"].ToString(), StringComparison.Ordinal);
        Assert.StartsWith("00-" + Trace + "-", headers["traceparent"].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"logs_endpoint":"http://c:4318/v1/logs"}""", "logs_endpoint")]
    [InlineData("""{"traces_endpoint":"http://c:4318/v1/traces","header_type":"jaeger"}""", "'jaeger'")]
    [InlineData("""{"traces_endpoint":"http://c:4318/v1/traces","propagation":{"inject":["datadog"]}}""", "'datadog'")]
    [InlineData("""{"traces_endpoint":"http://c:4318/v1/traces","propagation":{"extract":["aws"]}}""", "'aws'")]
    public void WhatThisGatewayCannotDo_IsRefused_NotHalfServed(string config, string named) =>
        Assert.Contains(named, PluginRuntimes.Default.UnsupportedOption(Plugin("opentelemetry", config)), StringComparison.Ordinal);

    [Fact]
    public void KongsDefaultConfig_Runs() =>
        Assert.Null(PluginRuntimes.Default.UnsupportedOption(Plugin("opentelemetry", """{"traces_endpoint":"http://c:4318/v1/traces"}""")));

    private static async Task<DefaultHttpContext> RunAsync(string config, params (string Name, string Value)[] headers)
    {
        var service = Service("traced");
        var route = Route(service, "traced");
        var handler = PluginRuntimes.Default.Find("opentelemetry")!.Compile(Plugin("opentelemetry", config, route));
        var http = new DefaultHttpContext();
        foreach (var (name, value) in headers)
        {
            http.Request.Headers[name] = value;
        }
        Assert.True(await handler.AccessAsync(new PluginRequest(http, Serving(State(service, route)), "")));
        return http;
    }
}
