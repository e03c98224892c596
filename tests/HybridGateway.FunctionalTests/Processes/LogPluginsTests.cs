using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>file-log, http-log and opentelemetry through a data-plane process, each to a real sink; credentials never reach them.</summary>
[Collection(ProcessCollection.Name)]
public sealed class LogPluginsTests
{
    private const string ClientTraceId = "5bf92f3577b34da6a3ce929d0e0e4736";
    private const string ClientSpanId = "10f067aa0ba902b7";

    [Fact]
    public async Task LogPlugins_DeliverKongEntriesAndSpans_RetryingAFailingEndpoint_AndRedactCredentials()
    {
        await using var collector = await LogCollector.StartAsync();
        collector.FailFirst = 2; // the first two sends fail: the entry still arrives, retried
        await using var receiver = await OtlpReceiver.StartAsync();
        var logFile = Path.Combine(Path.GetTempPath(), "hgw-file-log-" + Guid.NewGuid().ToString("N") + ".log");
        try
        {
            await using var hybrid = await HybridFixture.StartAsync();
            var node = await hybrid.StartNodeAsync("log-node");
            await hybrid.AddEchoRouteAsync("logged", "/logged");
            await hybrid.Admin.PostJson("/routes/logged/plugins", new { name = "key-auth", config = new { key_in_query = true } });
            await hybrid.Admin.PostJson("/consumers", new { username = "alice" });
            await hybrid.Admin.PostJson("/consumers/alice/key-auth", new { key = "alice-secret-key" });
            await hybrid.Admin.PostJson("/plugins", new
            {
                name = "http-log",
                config = new { http_endpoint = collector.Url + "/ingest", headers = new Dictionary<string, string> { ["X-Log-Source"] = "edge" } },
            });
            await hybrid.Admin.PostJson("/plugins", new { name = "file-log", config = new { path = logFile } });
            await hybrid.Admin.PostJson("/plugins", new { name = "prometheus", config = new { status_code_metrics = true } });
            var version = (await hybrid.Admin.PostJson("/routes/logged/plugins", new
            {
                name = "opentelemetry",
                config = new
                {
                    traces_endpoint = receiver.Endpoint + "v1/traces",
                    sampling_rate = 1.0,
                    http_response_header_for_traceid = "X-Trace-Id",
                    resource_attributes = new Dictionary<string, string> { ["deployment.environment"] = "test" },
                    queue = new { max_coalescing_delay = 0.1 },
                },
            })).ConfigVersion!.Value;
            await node.WaitForVersionAsync(version);

            using var request = new HttpRequestMessage(HttpMethod.Get, "/logged/orders?apikey=alice-secret-key&page=2");
            request.Headers.Add("Authorization", "Bearer not-for-logs");
            request.Headers.Add("traceparent", "00-" + ClientTraceId + "-" + ClientSpanId + "-01");
            using var answer = await node.Proxy.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var upstreamSaw = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["headers"]!["traceparent"]!.GetValue<string>();
            Assert.Equal(ClientTraceId, answer.Headers.GetValues("X-Trace-Id").Single());
            Assert.Equal(HttpStatusCode.NotFound, (await node.Proxy.GetAsync("/nowhere")).StatusCode);

            // http-log: Kong's entry, one JSON object per POST, with the configured header; retried past two 500s.
            var entries = await Eventually.Get(() => Task.FromResult(collector.Received.ToArray()), r => r.Length >= 2, "two http-log entries");
            var logged = JsonNode.Parse(entries.Single(e => e.Body.Contains("/logged/orders", StringComparison.Ordinal)).Body)!;
            Assert.Equal("POST", entries[0].Method);
            Assert.Equal("/ingest", entries[0].Path);
            Assert.Equal("edge", entries[0].Headers["x-log-source"]);
            Assert.StartsWith("application/json", entries[0].Headers["content-type"], StringComparison.Ordinal);
            Assert.Equal("GET", logged["request"]!["method"]!.GetValue<string>());
            Assert.Equal(200, logged["response"]!["status"]!.GetValue<int>());
            Assert.Equal("logged", logged["route"]!["name"]!.GetValue<string>());
            Assert.Equal("logged", logged["service"]!["name"]!.GetValue<string>());
            Assert.Equal("alice", logged["consumer"]!["username"]!.GetValue<string>());
            Assert.Equal("upstream", logged["source"]!.GetValue<string>());
            Assert.Equal("2", logged["request"]!["querystring"]!["page"]!.GetValue<string>());
            Assert.Equal("REDACTED", logged["request"]!["querystring"]!["apikey"]!.GetValue<string>());
            Assert.Equal("REDACTED", logged["request"]!["headers"]!["authorization"]!.GetValue<string>());
            Assert.True(logged["latencies"]!["request"]!.GetValue<double>() >= logged["latencies"]!["proxy"]!.GetValue<double>());
            Assert.True(logged["started_at"]!.GetValue<long>() > 1_700_000_000_000);
            foreach (var entry in entries)
            {
                Assert.DoesNotContain("alice-secret-key", entry.Body, StringComparison.Ordinal);
                Assert.DoesNotContain("not-for-logs", entry.Body, StringComparison.Ordinal);
            }
            // The request that matched no route is logged by the global instance, with no route or service.
            var unmatched = JsonNode.Parse(entries.Single(e => e.Body.Contains("/nowhere", StringComparison.Ordinal)).Body)!;
            Assert.Equal((404, "kong"), (unmatched["response"]!["status"]!.GetValue<int>(), unmatched["source"]!.GetValue<string>()));
            Assert.Null(unmatched["route"]);
            var status = await node.StatusAsync();
            var httpLog = status["log_plugins"]!.AsObject().Select(p => p.Value!).Single(p => p["name"]!.GetValue<string>() == "http-log");
            Assert.True(httpLog["failed_attempts"]!.GetValue<long>() >= 2);
            Assert.Equal(0, httpLog["dropped"]!.GetValue<long>());

            // file-log: the same entries as JSON lines.
            var lines = await Eventually.Get(() => Task.FromResult(File.Exists(logFile) ? File.ReadAllLines(logFile) : []), l => l.Length >= 2, "two file-log lines");
            Assert.Equal(2, lines.Length);
            var line = JsonNode.Parse(lines.Single(l => l.Contains("/logged/orders", StringComparison.Ordinal)))!;
            Assert.Equal("alice", line["consumer"]!["username"]!.GetValue<string>());
            Assert.DoesNotContain("alice-secret-key", File.ReadAllText(logFile), StringComparison.Ordinal);

            // opentelemetry: the span continues the client's trace; the upstream's parent is the span.
            var span = await Eventually.Get(() => Task.FromResult(receiver.Spans.FirstOrDefault(s => s.Service == "kong")), s => s is not null, "the plugin's span");
            Assert.Equal((ClientTraceId, ClientSpanId, "kong", 2), (span!.TraceId, span.ParentSpanId, span.Name, span.Kind));
            Assert.Equal("00-" + ClientTraceId + "-" + span.SpanId + "-01", upstreamSaw);
            Assert.Equal("200", span.Attributes["http.response.status_code"]);
            Assert.Equal("logged", span.Attributes["http.route"]);
            Assert.Equal("alice", span.Attributes["kong.consumer.username"]);
            Assert.Equal(version.ToString(CultureInfo.InvariantCulture), span.Attributes["hybridgateway.config.version"]);
            Assert.Contains(receiver.Resources, r => r.GetValueOrDefault("service.name") == "kong" && r.GetValueOrDefault("deployment.environment") == "test"
                && r.GetValueOrDefault("service.instance.id") == "log-node");

            // prometheus: the unmatched request is counted with empty service and route, as Kong's.
            var metrics = await node.Status.GetStringAsync("/metrics");
            Assert.Contains("kong_http_requests_total{service=\"\",route=\"\",code=\"404\",source=\"kong\"", metrics, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(logFile);
        }
    }
}
