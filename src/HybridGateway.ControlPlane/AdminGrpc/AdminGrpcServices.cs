using Grpc.AspNetCore.Server;
using HybridGateway.ControlPlane.Hosting;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.AdminGrpc;

/// <summary>Registers and maps the gRPC Admin API, the standard gRPC health service and server reflection.</summary>
public static class AdminGrpcServices
{
    /// <summary>The gRPC services an admin listener serves; the sync and lease services are the cluster port's alone.</summary>
    public static readonly PathString[] Paths =
    [
        "/" + Contracts.Admin.V1.AdminApi.Descriptor.FullName,
        "/grpc.health.v1.Health",
        "/grpc.reflection.v1alpha.ServerReflection",
        "/grpc.reflection.v1.ServerReflection",
    ];

    public static IServiceCollection AddAdminGrpc(this IServiceCollection services)
    {
        services.AddSingleton<RestBridge>();
        services.AddSingleton<WatchStream>();
        services.AddSingleton<NodeStatusFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeStatusFeed>());
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<DatabaseCheck>("database");
        // A declarative document may be as large as POST /config accepts.
        services.AddOptions<GrpcServiceOptions<AdminGrpcService>>().Configure<IOptions<ControlPlaneOptions>>((grpc, options) =>
            grpc.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, options.Value.MaxDeclarativeBytes + (1 << 20)));
        return services;
    }

    public static void MapAdminGrpc(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<AdminGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
    }

    public static bool IsAdminGrpc(HttpContext context) =>
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
        && Paths.Any(p => context.Request.Path.StartsWithSegments(p));
}
