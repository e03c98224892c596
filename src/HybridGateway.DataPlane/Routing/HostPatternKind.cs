namespace HybridGateway.DataPlane.Routing;

/// <summary>Where a route host entry's wildcard sits, if it has one.</summary>
internal enum HostPatternKind
{
    Exact,
    LeadingWildcard,
    TrailingWildcard,
}
