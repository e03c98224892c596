using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>
/// Both planes pointed at one OTLP receiver by the standard variables, each by a different
/// transport (the control plane by gRPC, the node by HTTP/protobuf): the control plane's spans
/// (Admin write, send, NACK, snapshot build) and metrics, and the node's request metrics.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task BothPlanes_ExportSpansAndMetrics_OverGrpcAndHttp()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var hybrid = await HybridFixture.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.GrpcEndpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "300",
        });
        var node = await hybrid.StartNodeAsync("otlp-node", settings: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "300",
        });
        await hybrid.AddEchoRouteAsync("metered", "/metered");
        await hybrid.AddEchoRouteAsync("guarded", "/guarded");
        await hybrid.Admin.PostJson("/routes/guarded/plugins", new { name = "key-auth" });
        await hybrid.Admin.PostJson("/services", new { name = "broken", url = "http://127.0.0.1:" + FreePort.Next() });
        var version = (await hybrid.Admin.PostJson("/services/broken/routes", new { name = "broken", paths = new[] { "/broken" } })).ConfigVersion!.Value;
        await node.WaitForVersionAsync(version);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Proxy.GetAsync("/guarded")).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await node.Proxy.GetAsync("/broken")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetAsync("/metered/" + i)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await node.Proxy.GetAsync("/nowhere")).StatusCode);

        // A plugin this node cannot run: it refuses the version (NACK).
        using var traced = new HttpRequestMessage(HttpMethod.Post, "/services/metered/plugins") { Content = JsonContent.Create(new { name = "jwt" }) };
        traced.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        using var refusedWrite = await hybrid.Admin.SendAsync(traced);
        Assert.Equal(HttpStatusCode.Created, refusedWrite.StatusCode);
        var refused = long.Parse(refusedWrite.Headers.GetValues("X-Config-Version").Single(), CultureInfo.InvariantCulture);

        // The control plane, by gRPC: the write's span continues the caller's trace and carries the version it made;
        // the send of that version to the node links to it; the NACK is a span in error; the node's first snapshot was built.
        var write = await Eventually.Get(() => Task.FromResult(receiver.Spans.FirstOrDefault(s => s.Service == "hybridgateway-control-plane"
            && s.Attributes.GetValueOrDefault("hybridgateway.config.version") == refused.ToString(CultureInfo.InvariantCulture)
            && s.Attributes.GetValueOrDefault("hybridgateway.commit.outcome") == "committed")), s => s is not null, "the Admin write's span");
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", write!.TraceId);
        Assert.Equal("b7ad6b7169203331", write.ParentSpanId);
        Assert.Equal(2, write.Kind);
        Assert.Equal("POST /services/{parent}/plugins", write.Name);
        var send = await Eventually.Get(() => Task.FromResult(receiver.Spans.FirstOrDefault(s => s.Name == "sync send"
            && s.Attributes.GetValueOrDefault("hybridgateway.config.version") == refused.ToString(CultureInfo.InvariantCulture))), s => s is not null, "the send's span");
        Assert.Equal("otlp-node", send!.Attributes["hybridgateway.node.id"]);
        Assert.Equal("delta", send.Attributes["hybridgateway.sync.kind"]);
        Assert.Contains(write.SpanId, send.LinkedSpanIds);
        var nack = await Eventually.Get(() => Task.FromResult(receiver.Spans.FirstOrDefault(s => s.Name == "sync nack")), s => s is not null, "the NACK's span");
        Assert.Equal((2, "unsupported_plugin", "otlp-node"), (nack!.Status, nack.Attributes["hybridgateway.nack.code"], nack.Attributes["hybridgateway.node.id"]));
        Assert.Contains(receiver.Spans, s => s.Name == "sync snapshot build" && s.Service == "hybridgateway-control-plane");

        await Eventually.True(() => Task.FromResult(receiver.Metrics.Any(m => m.Service == "hybridgateway-control-plane"
            && m.Name == "hybridgateway.sync.answers" && m.Attributes.GetValueOrDefault("answer") == "nack" && m.Value >= 1)), "the NACK counted");
        await Eventually.True(() => Task.FromResult(receiver.Metrics.Any(m => m.Name == "hybridgateway.data_planes.connected" && m.Value == 1)), "one node connected");
        await Eventually.True(() => Task.FromResult(receiver.Metrics.Any(m => m.Name == "hybridgateway.data_plane.lag"
            && m.Attributes.GetValueOrDefault("hybridgateway.node.id") == "otlp-node" && m.Value >= 1)), "the refusing node lags");

        // The node, by HTTP/protobuf: requests by route and status class, the latency histograms, the version served.
        await Eventually.True(() => Task.FromResult(receiver.Metrics.Any(m => m.Service == "hybridgateway-data-plane" && m.Name == "hybridgateway.requests"
            && m.Attributes.GetValueOrDefault("hybridgateway.route") == "metered" && m.Attributes.GetValueOrDefault("http.response.status_class") == "2xx"
            && m.Value == 3)), "three 2xx requests on the route");
        Assert.Contains(receiver.Metrics, m => m.Name == "hybridgateway.request.duration" && m.Attributes.GetValueOrDefault("hybridgateway.route") == "metered" && m.Count == 3);
        Assert.Contains(receiver.Metrics, m => m.Name == "hybridgateway.upstream.duration" && m.Count == 3 && m.Value > 0);
        Assert.Contains(receiver.Metrics, m => m.Name == "hybridgateway.requests" && m.Attributes.GetValueOrDefault("hybridgateway.route") == ""
            && m.Attributes.GetValueOrDefault("http.response.status_class") == "4xx" && m.Value == 1);
        Assert.Contains(receiver.Metrics, m => m.Service == "hybridgateway-data-plane" && m.Name == "hybridgateway.config.version" && m.Value >= version);
        // A 401 from key-auth and a 502 from an unreachable upstream: the gateway answered, by route and class.
        Assert.Contains(receiver.Metrics, m => m.Name == "hybridgateway.requests" && m.Attributes.GetValueOrDefault("hybridgateway.route") == "guarded"
            && m.Attributes.GetValueOrDefault("http.response.status_class") == "4xx" && m.Attributes.GetValueOrDefault("hybridgateway.response.source") == "gateway");
        Assert.Contains(receiver.Metrics, m => m.Name == "hybridgateway.requests" && m.Attributes.GetValueOrDefault("hybridgateway.route") == "broken"
            && m.Attributes.GetValueOrDefault("http.response.status_class") == "5xx" && m.Attributes.GetValueOrDefault("hybridgateway.response.source") == "gateway");
        Assert.Contains(receiver.Metrics, m => m.Name == "hybridgateway.upstream.errors" && m.Attributes.GetValueOrDefault("hybridgateway.route") == "broken" && m.Value >= 1);

        Assert.Contains(receiver.Exports, e => e.Transport == "grpc");
        Assert.Contains(receiver.Exports, e => e.Transport == "http");
    }
}
