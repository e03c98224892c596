namespace HybridGateway.ControlPlane.AdminAuth;

/// <summary>The three roles a token can have, from least to most.</summary>
public static class AdminRoles
{
    /// <summary>Reads everything (and dry runs); writes nothing.</summary>
    public const string ReadOnly = "read-only";

    /// <summary>Reads and writes entities and config (holds and rollouts too); not tokens.</summary>
    public const string Operator = "operator";

    /// <summary>Everything, tokens included.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [ReadOnly, Operator, Admin];
}
