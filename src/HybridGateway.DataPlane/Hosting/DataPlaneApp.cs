using HybridGateway.Configuration.Validation;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Cache;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Metrics;
using HybridGateway.DataPlane.Proxy;
using HybridGateway.DataPlane.RateLimiting;
using HybridGateway.DataPlane.Runtime;
using HybridGateway.DataPlane.Status;
using HybridGateway.DataPlane.Sync;
using HybridGateway.DataPlane.Telemetry;
using HybridGateway.DataPlane.Tls;
using HybridGateway.Hosting;
using HybridGateway.Plugins;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.Hosting;

/// <summary>Builds the data plane: the proxy listener (one terminal middleware) and the status listener.</summary>
public static class DataPlaneApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddShippedSettings("dataplane.settings.json");
        builder.Configuration.AddEnvironmentVariables("HGW_");
        // ASP.NET's hosting diagnostics open a log scope and an Activity for every request as soon as
        // its logger is enabled at any level: measurable on the proxy path, and nothing is logged per
        // request anyway. Trace context still passes upstream in the request's own headers.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        configure?.Invoke(builder);
        builder.AddTelemetry();

        var services = builder.Services;
        services.AddOptions<DataPlaneOptions>().BindConfiguration(DataPlaneOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataPlaneOptions>, DataPlaneOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddProxy();
        services.AddLastGoodConfigCache();
        services.AddSyncClient();
        builder.WebHost.ConfigureKestrel(kestrel => DataPlaneListeners.Configure(kestrel));

        var app = builder.Build();
        var proxyMiddleware = app.Services.GetRequiredService<ProxyMiddleware>();
        // Proxy traffic never reaches endpoint routing: routing is ours, compiled at config time.
        app.UseWhen(context => ListenerTags.Of(context) == Listeners.Proxy, proxyBranch => proxyBranch.Run(proxyMiddleware.InvokeAsync));
        app.UseRouting();
        app.MapStatusEndpoints();
        app.MapMetricsEndpoint();
        return app;
    }

    public static async Task RunAsync(WebApplication app)
    {
        _ = app.Services.GetRequiredService<IOptions<DataPlaneOptions>>().Value; // fail fast on bad settings
        app.Services.GetRequiredService<CacheLoader>().Load();
        await app.RunAsync();
    }
}
