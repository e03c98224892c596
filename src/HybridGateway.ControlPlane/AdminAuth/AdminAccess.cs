namespace HybridGateway.ControlPlane.AdminAuth;

/// <summary>
/// What a role may do with an Admin API request, decided from its method and path alone, so the
/// REST API and the gRPC API (which runs the same handlers) apply one rule.
/// </summary>
public static class AdminAccess
{
    public const string TokensPath = "/admin-tokens";

    /// <summary>Null when allowed; else the reason for a 403.</summary>
    public static string? Refusal(AdminPrincipal principal, string method, string path, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var tokens = path.Equals(TokensPath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(TokensPath + "/", StringComparison.OrdinalIgnoreCase);
        if (tokens && principal.Role != AdminRoles.Admin)
        {
            return "only an admin token can see or change tokens";
        }
        var write = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
        var readLike = dryRun && HttpMethods.IsPost(method) && path.Equals("/config", StringComparison.OrdinalIgnoreCase);
        if (write && !readLike && principal.Role == AdminRoles.ReadOnly)
        {
            return "the token '" + principal.Name + "' is read-only";
        }
        if (write && !readLike && principal.Tags.Count > 0 && WholeConfig(path))
        {
            return "the token '" + principal.Name + "' is restricted to tags (" + string.Join(", ", principal.Tags) + ") and cannot change the whole config";
        }
        return null;
    }

    /// <summary>Writes that are not about one entity: a tag-restricted token cannot make them.</summary>
    private static bool WholeConfig(string path) =>
        path.StartsWith("/config", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/clustering", StringComparison.OrdinalIgnoreCase);
}
