using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.RateLimiting;
using HybridGateway.DataPlane.RateLimiting;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;
using Route = HybridGateway.Configuration.Entities.Route;

namespace HybridGateway.DataPlane.Tests.Pipeline.RateLimiting;

/// <summary>A node's rate-limiting runtime and a route that runs one instance, with requests to send through it.</summary>
internal sealed class RateLimitRequests
{
    /// <param name="sameConfigAs">Another node serving the same config (the same instance, route and service), or null for a new one.</param>
    public RateLimitRequests(string config, TimeProvider clock, ILeaseSource? leases = null, RateLimitRequests? sameConfigAs = null)
    {
        Service = sameConfigAs?.Service ?? Service("orders");
        Route = sameConfigAs?.Route ?? Route(Service, "orders");
        Plugin = sameConfigAs?.Plugin ?? PipelineConfig.Plugin("rate-limiting", config, Route);
        State = sameConfigAs?.State ?? State(Service, Route, Plugin);
        Runtime = new RateLimitingRuntime(leases, Stats, clock);
        Chain = new PluginChainCompiler(PluginRuntimes.With(Runtime, new HybridGateway.DataPlane.Metrics.KongMetrics())).Build(State, [Route]).For(Route.Id)!;
    }

    public Service Service { get; }

    public Route Route { get; }

    public Plugin Plugin { get; }

    public ConfigState State { get; }

    public RateLimitStats Stats { get; } = new();

    public RateLimitingRuntime Runtime { get; }

    public PluginChain Chain { get; }

    public async Task<DefaultHttpContext> SendAsync(string client = "10.0.0.1", Action<HttpRequest>? shape = null, string path = "/orders")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = path;
        http.Connection.RemoteIpAddress = IPAddress.Parse(client);
        http.Response.Body = new MemoryStream();
        shape?.Invoke(http.Request);
        var passed = await Chain.AccessAsync(new PluginRequest(http, Serving(State), "") { Route = Route, Path = path });
        if (passed)
        {
            http.Response.StatusCode = 200;
        }
        return http;
    }

    public static string? Header(HttpContext http, string name) =>
        http.Response.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    public static string Message(HttpContext http) =>
        JsonNode.Parse(((MemoryStream)http.Response.Body).ToArray())!["message"]!.GetValue<string>();
}
