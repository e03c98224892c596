using System.Text.Json.Nodes;

namespace HybridGateway.ControlPlane.AdminAuth;

/// <summary>
/// Every Admin API request needs a valid token, as "Authorization: Bearer …" or "Kong-Admin-Token: …".
/// Without one the answer is 401 and nothing else: not even whether the path exists. A valid token
/// whose role does not allow the request gets 403 (<see cref="AdminAccess"/>).
/// </summary>
public sealed class AdminAuthMiddleware(RequestDelegate next, AdminTokenStore tokens)
{
    public const string ActorItem = "hgw.actor";
    public const string PrincipalItem = "hgw.principal";

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
        var dryRun = context.Request.Query["dry_run"].ToString() is "true" or "1";
        if (AdminAccess.Refusal(actor, context.Request.Method, context.Request.Path.Value ?? "/", dryRun) is { } refusal)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["message"] = "Forbidden: " + refusal }, context.RequestAborted);
            return;
        }
        Admit(context, actor);
        await next(context);
    }

    /// <summary>Marks a request as made by a token: history records its name; entity writes check its tags.</summary>
    public static void Admit(HttpContext context, AdminPrincipal principal)
    {
        context.Items[ActorItem] = principal.Actor;
        context.Items[PrincipalItem] = principal;
    }

    public static string? PresentedToken(HttpRequest request)
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
