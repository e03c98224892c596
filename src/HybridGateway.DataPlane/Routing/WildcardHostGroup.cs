namespace HybridGateway.DataPlane.Routing;

/// <summary>The candidates filed under one wildcard host name such as <c>*.example.com</c>.</summary>
internal sealed record WildcardHostGroup(HostPattern Pattern, HostGroup Group);
