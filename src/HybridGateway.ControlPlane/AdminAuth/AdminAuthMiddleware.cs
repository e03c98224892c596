using System.Text.Json.Nodes;

namespace HybridGateway.ControlPlane.AdminAuth;

/// <summary>
/// Every Admin API request needs a valid token, as "Authorization: Bearer …" or "Kong-Admin-Token: …".
/// Without one the answer is 401 and nothing else: not even whether the path exists.
/// </summary>
public sealed class AdminAuthMiddleware(RequestDelegate next, AdminTokenStore tokens)
{
    public const string ActorItem = "hgw.actor";

    public async Task InvokeAsync(HttpContext context)
    {
        var actor = await tokens.AuthenticateAsync(PresentedToken(context.Request), context.RequestAborted);
        if (actor is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"hybridgateway-admin\"";
            await context.Response.WriteAsJsonAsync(new JsonObject { ["message"] = "Unauthorized" }, context.RequestAborted);
            return;
        }
        context.Items[ActorItem] = "token:" + actor;
        await next(context);
    }

    private static string? PresentedToken(HttpRequest request)
    {
        if (request.Headers.TryGetValue("Kong-Admin-Token", out var kong) && kong.Count == 1)
        {
            return kong[0];
        }
        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return value["Bearer ".Length..].Trim();
        }
        return null;
    }
}
