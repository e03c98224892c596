namespace HybridGateway.DataPlane.Tests.Routing;

public sealed class ProjectBuildsTests
{
    [Fact]
    public void DataPlaneAssembly_Loads() => Assert.Equal("HybridGateway.DataPlane", typeof(HybridGateway.DataPlane.Routing.RoutingMarker).Assembly.GetName().Name);
}
