using System.Globalization;
using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>A real Prometheus scrapes both planes; Kong's metric names and labels come back from its query API.</summary>
[Collection(ProcessCollection.Name)]
public sealed class PrometheusTests
{
    [Fact]
    public async Task PrometheusScrapesBothPlanes_KongsRequestCountersAndLatencyHistograms()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("prom-node");
        await hybrid.AddEchoRouteAsync("plain", "/plain");
        await hybrid.AddEchoRouteAsync("guarded", "/guarded");
        await hybrid.Admin.PostJson("/routes/guarded/plugins", new { name = "key-auth" });
        var plugin = await hybrid.Admin.PostJson("/plugins", new
        {
            name = "prometheus",
            config = new { status_code_metrics = true, latency_metrics = true, bandwidth_metrics = true, per_consumer = true },
        });
        Assert.Equal(HttpStatusCode.Created, plugin.Status);
        var version = plugin.ConfigVersion!.Value;
        await node.WaitForVersionAsync(version);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetAsync("/plain/" + i)).StatusCode);
        }
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await node.Proxy.GetAsync("/guarded")).StatusCode);
        }

        await using var prometheus = await PrometheusServer.StartAsync(
        [
            ("data-plane", "127.0.0.1:" + node.StatusPort.ToString(CultureInfo.InvariantCulture), "/metrics", null),
            ("control-plane", "127.0.0.1:" + hybrid.ControlPlane.AdminPort.ToString(CultureInfo.InvariantCulture), "/metrics", ControlPlaneHost.Token),
        ]);

        Assert.Equal(10, await ScrapedAsync(prometheus, "sum(kong_http_requests_total{service=\"plain\",route=\"plain\",code=\"200\",source=\"service\",workspace=\"default\"})"));
        Assert.Equal(3, await ScrapedAsync(prometheus, "sum(kong_http_requests_total{route=\"guarded\",code=\"401\",source=\"kong\"})"));
        Assert.Equal(10, await ScrapedAsync(prometheus, "sum(kong_request_latency_ms_count{route=\"plain\"})"));
        Assert.Equal(10, await ScrapedAsync(prometheus, "sum(kong_upstream_latency_ms_bucket{route=\"plain\",le=\"+Inf\"})"));
        Assert.Equal(3, await ScrapedAsync(prometheus, "sum(kong_kong_latency_ms_count{route=\"guarded\"})"));
        Assert.True(await ScrapedAsync(prometheus, "sum(kong_bandwidth_bytes{route=\"guarded\",direction=\"egress\"})") > 0);
        Assert.Equal(version, await ScrapedAsync(prometheus, "hybridgateway_data_plane_config_version"));
        // The control plane, scraped with the admin token: Kong's per-node families.
        Assert.Equal(1, await ScrapedAsync(prometheus, "count(kong_data_plane_last_seen{node_id=\"prom-node\"})"));
        Assert.Equal(1, await ScrapedAsync(prometheus, "kong_data_plane_version_compatible{node_id=\"prom-node\"}"));
        Assert.Equal(version, await ScrapedAsync(prometheus, "hybridgateway_config_version"));
        Assert.Equal(0, await ScrapedAsync(prometheus, "hybridgateway_data_plane_lag_versions{node_id=\"prom-node\"}"));
        Assert.Equal(1, await ScrapedAsync(prometheus, "up{job=\"control-plane\"}"));
    }

    [Fact]
    public async Task WithoutThePlugin_NoRequestMetrics_ButTheNodeFamiliesAreServed()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("quiet-node");
        var version = await hybrid.AddEchoRouteAsync("quiet", "/quiet");
        await node.WaitForVersionAsync(version);
        Assert.Equal(HttpStatusCode.OK, (await node.Proxy.GetAsync("/quiet")).StatusCode);

        var text = await node.Status.GetStringAsync("/metrics");

        Assert.DoesNotContain("kong_http_requests_total{", text, StringComparison.Ordinal);
        Assert.Contains("hybridgateway_data_plane_config_version " + version.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient().GetAsync(new Uri(hybrid.Admin.BaseAddress!, "/metrics"))).StatusCode);
    }

    private static Task<double> ScrapedAsync(PrometheusServer prometheus, string query) =>
        Eventually.Get(async () => await prometheus.QueryAsync(query) ?? double.NaN, v => !double.IsNaN(v), "Prometheus to have " + query, TimeSpan.FromSeconds(60));
}
