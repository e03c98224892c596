using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Routing;

namespace HybridGateway.DataPlane.Tests.Routing;

/// <summary>A table of 10,000 prefix routes: answers stay right, and one edit changes one route. No timings:
/// the machine is shared, and the complexity is the design's business, not a flaky assertion's.</summary>
public sealed class RouteTableScaleTests
{
    private const int RouteCount = 10_000;

    private static readonly Lazy<RouteTable> Table = new(() => RouteTable.Build(Enumerable.Range(1, RouteCount).Select(RouteNumber)));

    [Theory]
    [InlineData("/route-5000/x", "route-5000", 11)]
    [InlineData("/route-5000", "route-5000", 11)]
    [InlineData("/route-50001", "route-5000", 11)]
    [InlineData("/route-5/x", "route-5", 8)]
    [InlineData("/route-10000/a/b", "route-10000", 12)]
    [InlineData("/route-1", "route-1", 8)]
    [InlineData("/route-0", null, null)]
    [InlineData("/route-", null, null)]
    [InlineData("/other", null, null)]
    public void Match_TenThousandPrefixes_PicksLongestPrefix(string path, string? expected, int? matchedLength)
    {
        var match = Table.Value.Match(Request(path));
        Assert.Equal(expected, match?.Route.Name);
        Assert.Equal(matchedLength, match?.MatchedLength);
    }

    [Fact]
    public void With_OneRouteOfTenThousandMoved_UpdatesOnlyThatRoute()
    {
        var before = Table.Value;
        var moved = RouteNumber(5000) with { Paths = ["/moved"] };
        var after = before.With([moved], []);

        Assert.Equal(RouteCount, after.Count);
        Assert.Equal("route-500", after.Match(Request("/route-5000/x"))?.Route.Name);
        Assert.Equal("route-5000", after.Match(Request("/moved/x"))?.Route.Name);
        Assert.Equal("route-4999", after.Match(Request("/route-4999/x"))?.Route.Name);
        Assert.Equal("route-5000", before.Match(Request("/route-5000/x"))?.Route.Name);
        Assert.Null(before.Match(Request("/moved/x")));
    }

    [Fact]
    public void With_RemovalAndAdditionOnTenThousand_AffectOnlyThoseRoutes()
    {
        var before = Table.Value;
        var deeper = new Route { Id = Guid.NewGuid(), Name = "deeper", Paths = ["/route-5000/x/deeper"] };
        var after = before.With([deeper], [RouteNumber(500).Id]);

        Assert.Equal(RouteCount, after.Count);
        Assert.Equal("deeper", after.Match(Request("/route-5000/x/deeper/still"))?.Route.Name);
        Assert.Equal("route-5000", after.Match(Request("/route-5000/x"))?.Route.Name);
        Assert.Equal("route-50", after.Match(Request("/route-500/x"))?.Route.Name);
        Assert.Equal("route-500", before.Match(Request("/route-500/x"))?.Route.Name);
    }

    private static Route RouteNumber(int number) => new()
    {
        Id = RouteShorthand.IdOf(number),
        Name = "route-" + number,
        Paths = ["/route-" + number],
    };

    private static RouteRequest Request(string path) => RequestShorthand.Parse("GET example.com " + path);
}
