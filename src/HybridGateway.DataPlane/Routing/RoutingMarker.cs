namespace HybridGateway.DataPlane.Routing;

/// <summary>Anchor type for the routing namespace until the router lands.</summary>
internal static class RoutingMarker;
