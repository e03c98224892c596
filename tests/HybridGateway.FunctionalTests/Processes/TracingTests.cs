using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>A data plane pointed at an OTLP receiver by the standard variables: a span per request, continuing the client's trace.</summary>
[Collection(ProcessCollection.Name)]
public sealed class TracingTests
{
    private const string ClientTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ClientSpanId = "00f067aa0ba902b7";

    [Fact]
    public async Task ProxiedRequests_ExportSpans_WithRouteServiceStatusAndConfigVersion_AndTheUpstreamGetsTheTrace()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("traced-node", settings: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["HGW_DataPlane__Labels__region"] = "eu-west",
        });
        await hybrid.AddEchoRouteAsync("traced", "/traced");
        await hybrid.AddEchoRouteAsync("guarded", "/guarded");
        await hybrid.Admin.PostJson("/routes/guarded/plugins", new { name = "key-auth" });
        await hybrid.Admin.PostJson("/services", new { name = "broken", url = "http://127.0.0.1:" + FreePort.Next() });
        var version = (await hybrid.Admin.PostJson("/services/broken/routes", new { name = "broken", paths = new[] { "/broken" } })).ConfigVersion!.Value;
        await node.WaitForVersionAsync(version);

        using var traced = new HttpRequestMessage(HttpMethod.Get, "/traced/orders");
        traced.Headers.Add("traceparent", "00-" + ClientTraceId + "-" + ClientSpanId + "-01");
        using var answer = await node.Proxy.SendAsync(traced);
        var upstreamSaw = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["headers"]!["traceparent"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Proxy.GetAsync("/guarded")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Proxy.GetAsync("/nowhere")).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await node.Proxy.GetAsync("/broken")).StatusCode);

        await Eventually.True(() => Task.FromResult(receiver.Spans.Count(s => s.Attributes.ContainsKey("hybridgateway.config.version")) >= 4), "the four proxy spans at the receiver");
        var spans = receiver.Spans.Where(s => s.Attributes.ContainsKey("hybridgateway.config.version")).ToArray();
        var ok = spans.Single(s => s.Attributes.GetValueOrDefault("http.route") == "traced");
        Assert.Equal(ClientTraceId, ok.TraceId);
        Assert.Equal(ClientSpanId, ok.ParentSpanId);
        // The upstream's parent is the client span of the attempt that reached it, a child of the proxy's span.
        Assert.StartsWith("00-" + ClientTraceId + "-", upstreamSaw, StringComparison.Ordinal);
        var attempt = await Eventually.Get(() => Task.FromResult(receiver.Spans.FirstOrDefault(s => s.SpanId == upstreamSaw.Split('-')[2])),
            s => s is not null, "the upstream attempt's span");
        Assert.Equal(ok.SpanId, attempt!.ParentSpanId);
        Assert.Equal(ClientTraceId, attempt.TraceId);
        Assert.Equal("200", ok.Attributes["http.response.status_code"]);
        Assert.Equal("traced", ok.Attributes["hybridgateway.service.name"]);
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Attributes["hybridgateway.config.version"]);
        Assert.Equal("/traced/orders", ok.Attributes["url.path"]);
        Assert.Equal(0, ok.Status);

        var refused = spans.Single(s => s.Attributes.GetValueOrDefault("http.route") == "guarded");
        Assert.Equal(("401", "gateway", 0), (refused.Attributes["http.response.status_code"], refused.Attributes["hybridgateway.response.source"], refused.Status));
        var unmatched = spans.Single(s => s.Attributes.GetValueOrDefault("http.response.status_code") == "404");
        Assert.False(unmatched.Attributes.ContainsKey("http.route"));
        Assert.Equal(0, unmatched.Status);
        var failed = spans.Single(s => s.Attributes.GetValueOrDefault("http.route") == "broken");
        Assert.Equal(("502", 2), (failed.Attributes["http.response.status_code"], failed.Status));

        var resource = receiver.Resources.First();
        Assert.Equal("hybridgateway-data-plane", resource["service.name"]);
        Assert.Equal("traced-node", resource["service.instance.id"]);
        Assert.Equal("eu-west", resource["cloud.region"]);
    }
}
