using System.Text.Json.Nodes;
using HybridGateway.Configuration.Declarative;
using HybridGateway.Configuration.Input;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Validation;
using HybridGateway.ControlPlane.AdminApi;
using HybridGateway.ControlPlane.AdminAuth;
using HybridGateway.ControlPlane.Store;
using HybridGateway.Plugins;
using Marten;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.Hosting;

/// <summary>Builds the control plane: services, the two listeners, and the request pipeline.</summary>
public static class ControlPlaneApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddEnvironmentVariables("HGW_");
        configure?.Invoke(builder);

        var services = builder.Services;
        services.AddOptions<ControlPlaneOptions>().BindConfiguration(ControlPlaneOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ControlPlaneOptions>, ControlPlaneOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPluginCatalog>(PluginCatalog.Default);
        services.AddSingleton(sp => EntityValidation.Create(sp.GetRequiredService<IPluginCatalog>()));
        services.AddSingleton<EntityReader>();
        services.AddSingleton<DeclarativeImporter>();
        services.AddMarten(sp =>
        {
            var options = new StoreOptions();
            MartenSetup.Configure(options, sp.GetRequiredService<IOptions<ControlPlaneOptions>>().Value.ConnectionString);
            return options;
        }).UseLightweightSessions();
        services.AddSingleton<ConfigStore>();
        services.AddSingleton<AdminTokenStore>();
        services.AddSingleton<ControlPlaneStartup>();
        services.AddSingleton<ConfigWriter>();
        services.AddSingleton<EntityReads>();
        services.AddSingleton<EntityWrites>();
        services.AddSingleton<ConfigAdmin>();

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = context.Configuration.GetSection(ControlPlaneOptions.Section).Get<ControlPlaneOptions>() ?? new ControlPlaneOptions();
            kestrel.AddServerHeader = false;
            if (ListenAddress.TryParse(options.AdminListen, out var admin))
            {
                kestrel.Listen(admin!, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    Listeners.Tag(listen, Listeners.Admin);
                });
            }
            if (ListenAddress.TryParse(options.ClusterListen, out var cluster))
            {
                kestrel.Listen(cluster!, listen =>
                {
                    // Cleartext gRPC needs an HTTP/2-only endpoint.
                    listen.Protocols = HttpProtocols.Http2;
                    Listeners.Tag(listen, Listeners.Cluster);
                });
            }
        });

        var app = builder.Build();
        app.UseExceptionHandler(error => error.Run(context => context.Response.WriteAsJsonAsync(
            new JsonObject { ["message"] = "An unexpected error occurred" }, context.RequestAborted)));
        app.UseWhen(context => Listeners.Of(context) == Listeners.Admin, admin => admin.UseMiddleware<AdminAuthMiddleware>());
        app.UseWhen(context => Listeners.Of(context) == Listeners.Cluster, cluster => cluster.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }));
        app.MapNodeEndpoints();
        app.MapAdminApi();
        return app;
    }

    public static async Task RunAsync(WebApplication app)
    {
        await app.Services.GetRequiredService<ControlPlaneStartup>().RunAsync(app.Lifetime.ApplicationStopping);
        await app.RunAsync();
    }
}
