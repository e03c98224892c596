using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Traffic;

/// <summary>Admin calls and requests the traffic tests share: an upstream with targets behind a service and route.</summary>
internal static class TrafficSetup
{
    /// <summary>Creates the upstream, its targets, a service on it and a route at path; returns the last version.</summary>
    public static async Task<long> UpstreamRouteAsync(HybridFixture hybrid, object upstream, string path, object service, params object[] targets)
    {
        var created = await hybrid.Admin.PostJson("/upstreams", upstream);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var name = created.Object["name"]!.GetValue<string>();
        foreach (var target in targets)
        {
            var added = await hybrid.Admin.PostJson("/upstreams/" + name + "/targets", target);
            Assert.True(added.Status == HttpStatusCode.Created, added.ToString());
        }
        var serviceReply = await hybrid.Admin.PostJson("/services", service);
        Assert.True(serviceReply.Status == HttpStatusCode.Created, serviceReply.ToString());
        var route = await hybrid.Admin.PostJson("/services/" + serviceReply.Object["name"]!.GetValue<string>() + "/routes", new { paths = new[] { path } });
        Assert.True(route.Status == HttpStatusCode.Created, route.ToString());
        return route.ConfigVersion!.Value;
    }

    /// <summary>Sends the requests one after the other: the server that answered each (null for a non-200) and the statuses.</summary>
    public static async Task<(Dictionary<string, int> Servers, Dictionary<int, int> Statuses)> SendAsync(DataPlaneProcess node, string path, int count,
        Action<HttpRequestMessage>? prepare = null)
    {
        var servers = new Dictionary<string, int>();
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            prepare?.Invoke(request);
            using var response = await node.Proxy.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status == 200 && DemoUpstreamProcess.ServerOf(await response.Content.ReadAsStringAsync()) is { } server)
            {
                servers[server] = servers.GetValueOrDefault(server) + 1;
            }
        }
        return (servers, statuses);
    }

    /// <summary>A target's health as the node's /status shows it.</summary>
    public static async Task<string?> HealthAsync(DataPlaneProcess node, string upstream, string address)
    {
        var status = await node.StatusAsync();
        return status["upstreams"]?[upstream]?["targets"]?.AsArray()
            .FirstOrDefault(t => t!["target"]!.GetValue<string>() == address)?["health"]?.GetValue<string>();
    }

    public static string Describe(IDictionary<string, int> counts) => string.Join(", ", counts.OrderBy(c => c.Key).Select(c => c.Key + "×" + c.Value));

    public static string Describe(IDictionary<int, int> counts) => string.Join(", ", counts.OrderBy(c => c.Key).Select(c => c.Key + "×" + c.Value));

    public static JsonObject ActiveAndPassive(double interval = 0.2) => new()
    {
        ["active"] = new JsonObject
        {
            ["type"] = "http",
            ["http_path"] = "/",
            ["timeout"] = 0.5,
            ["healthy"] = new JsonObject { ["interval"] = interval, ["successes"] = 2 },
            ["unhealthy"] = new JsonObject { ["interval"] = interval, ["http_failures"] = 2, ["timeouts"] = 2, ["tcp_failures"] = 1 },
        },
        ["passive"] = new JsonObject
        {
            ["unhealthy"] = new JsonObject { ["http_failures"] = 3, ["timeouts"] = 2, ["tcp_failures"] = 1 },
        },
    };
}
