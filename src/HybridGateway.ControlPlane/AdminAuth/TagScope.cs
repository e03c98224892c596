using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;

namespace HybridGateway.ControlPlane.AdminAuth;

/// <summary>
/// A tag-restricted token writes only entities that carry one of its tags, both as they are and as
/// they will be: it can neither take over an entity nor give one away by changing its tags.
/// </summary>
public static class TagScope
{
    public static IResult? Refusal(HttpContext http, ConfigEntity? existing, ConfigEntity? next)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[AdminAuthMiddleware.PrincipalItem] is not AdminPrincipal { Tags.Count: > 0 } principal)
        {
            return null;
        }
        var outside = new[] { existing, next }.FirstOrDefault(e => e is not null && !(e.Tags ?? []).Intersect(principal.Tags).Any());
        return outside is null
            ? null
            : AdminApi.KongErrors.Json(StatusCodes.Status403Forbidden, new JsonObject
            {
                ["message"] = "Forbidden: the token '" + principal.Name + "' may only write entities tagged "
                    + string.Join(" or ", principal.Tags) + (outside == existing ? "; this one is not" : "; tag the entity with one of them"),
            });
    }
}
