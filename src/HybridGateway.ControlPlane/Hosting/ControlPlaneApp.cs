using System.Text.Json.Nodes;
using HybridGateway.Configuration.Declarative;
using HybridGateway.Configuration.Input;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Validation;
using HybridGateway.ControlPlane.AdminApi;
using HybridGateway.ControlPlane.AdminAuth;
using HybridGateway.ControlPlane.AdminGrpc;
using HybridGateway.ControlPlane.Counters;
using HybridGateway.ControlPlane.Metrics;
using HybridGateway.ControlPlane.Rollout;
using HybridGateway.ControlPlane.Store;
using HybridGateway.ControlPlane.Sync;
using HybridGateway.ControlPlane.Telemetry;
using HybridGateway.Plugins;
using Marten;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using HybridGateway.Hosting;

namespace HybridGateway.ControlPlane.Hosting;

/// <summary>Builds the control plane: services, the two listeners, and the request pipeline.</summary>
public static class ControlPlaneApp
{
    private static readonly PathString SyncPath = "/" + HybridGateway.Contracts.Sync.V1.ConfigSync.Descriptor.FullName;
    private static readonly PathString LeasePath = "/" + HybridGateway.Contracts.RateLimit.V1.RateLimitLeases.Descriptor.FullName;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddShippedSettings("controlplane.settings.json");
        builder.Configuration.AddEnvironmentVariables("HGW_");
        // Request lines carry URLs, and a key-auth URL can carry a key: they are not logged.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        configure?.Invoke(builder);
        builder.AddCounters();
        builder.AddTelemetry();

        var services = builder.Services;
        services.AddOptions<ControlPlaneOptions>().BindConfiguration(ControlPlaneOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ControlPlaneOptions>, ControlPlaneOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddConfigStore();
        services.AddAdminApi();
        services.AddAdminGrpc();
        services.AddClusterSync();
        services.AddSingleton<ControlPlaneStartup>();
        builder.WebHost.ConfigureKestrel(kestrel => ControlPlaneListeners.Configure(kestrel));

        var app = builder.Build();
        app.UseExceptionHandler(error => error.Run(context =>
        {
            // A database fault that got past the guard (a replica's background work, a race) is still the database's, not a bug: 503.
            var database = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is Npgsql.NpgsqlException;
            context.Response.StatusCode = database ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            return context.Response.WriteAsJsonAsync(
                new JsonObject { ["message"] = database ? "The database is unavailable; nothing was changed. Try again shortly." : "An unexpected error occurred" },
                context.RequestAborted);
        }));
        // The gRPC Admin API authenticates each call itself (RestBridge); on the h2c port it is all there is.
        app.UseWhen(context => ListenerTags.Of(context) is Listeners.AdminGrpc or Listeners.AdminTls && !AdminGrpcServices.IsAdminGrpc(context)
            && (ListenerTags.Of(context) == Listeners.AdminGrpc || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true),
            other => other.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        app.UseWhen(context => ListenerTags.Of(context) is Listeners.Admin or Listeners.AdminTls && !AdminGrpcServices.IsAdminGrpc(context), admin =>
        {
            admin.UseMiddleware<AdminAuthMiddleware>();
            admin.UseMiddleware<DatabaseGuardMiddleware>();
        });
        app.UseWhen(context => ListenerTags.Of(context) == Listeners.Cluster
            && !context.Request.Path.StartsWithSegments(SyncPath) && !context.Request.Path.StartsWithSegments(LeasePath), cluster => cluster.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }));
        app.MapGrpcService<ConfigSyncService>();
        app.MapGrpcService<RateLimitLeaseService>();
        app.MapAdminGrpc();
        app.MapNodeEndpoints();
        app.MapAdminApi();
        app.MapClusteringEndpoints();
        app.MapUpstreamHealthEndpoints();
        app.MapHoldEndpoints();
        app.MapTokenEndpoints();
        app.MapRolloutEndpoints();
        app.MapMetricsEndpoints();
        return app;
    }

    public static async Task RunAsync(WebApplication app)
    {
        await app.Services.GetRequiredService<ControlPlaneStartup>().RunAsync(app.Lifetime.ApplicationStopping);
        await app.RunAsync();
    }
}
