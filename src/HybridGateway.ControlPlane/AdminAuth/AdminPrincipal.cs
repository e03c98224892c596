namespace HybridGateway.ControlPlane.AdminAuth;

/// <summary>Who presented a valid token: its name, role and tag restriction.</summary>
public sealed record AdminPrincipal(string Name, string Role, IReadOnlyList<string> Tags)
{
    /// <summary>The actor recorded in the config history for changes made with this token.</summary>
    public string Actor => "token:" + Name;
}
