namespace HybridGateway.Plugins.Acl;

/// <summary>acl's config: groups allowed or denied.</summary>
public sealed record AclConfig
{
    public IReadOnlyList<string>? Allow { get; init; }

    public IReadOnlyList<string>? Deny { get; init; }

    public bool HideGroupsHeader { get; init; }

    public bool AlwaysUseAuthenticatedGroups { get; init; }

    public bool IncludeConsumerGroups { get; init; }
}
