using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Tests.Support;
using static HybridGateway.Configuration.Tests.Support.SampleEntities;

namespace HybridGateway.Configuration.Tests.State;

public sealed class ConfigViewTests
{
    private static readonly Dictionary<string, string> Eu = new() { ["region"] = "eu-west" };
    private static readonly Dictionary<string, string> Us = new() { ["region"] = "us-east" };

    [Fact]
    public void ServiceForOneRegion_OtherRegionsViewLeavesOutItAndEverythingOnIt()
    {
        var local = Service("eu-api") with { Tags = ["only:region=eu-west"] };
        var route = Route(local, "eu-api");
        var onRoute = Plugin(route: route);
        var onService = Plugin(service: local);
        var everywhere = Service("shop");
        var shopRoute = Route(everywhere, "shop");
        var state = Upsert(ConfigState.Empty, local, route, onRoute, onService, everywhere, shopRoute);

        var us = ConfigView.For(state, Us, TestConfig.Validation);
        var eu = ConfigView.For(state, Eu, TestConfig.Validation);

        Assert.Equal([everywhere.Id, shopRoute.Id], us.All(EntityKinds.Services).Concat(us.All(EntityKinds.Routes)).Select(e => e.Id));
        Assert.Empty(us.All(EntityKinds.Plugins));
        Assert.Equal(state.Version, us.Version);
        Assert.NotEqual(state.Hash, us.Hash);
        Assert.Same(state, eu);
    }

    [Fact]
    public void ViewHash_IsTheHashOfExactlyItsEntities()
    {
        var local = Service("eu-api") with { Tags = ["only:region=eu-west"] };
        var everywhere = Service("shop");
        var state = Upsert(ConfigState.Empty, local, Route(local, "eu-api"), everywhere);

        var view = ConfigView.For(state, Us, TestConfig.Validation);

        Assert.Equal(Upsert(ConfigState.Empty, everywhere).Hash, view.Hash);
    }

    [Theory]
    [InlineData(new[] { "only:region=eu-west|us-east" }, true)]
    [InlineData(new[] { "only:region=eu-west" }, false)]
    [InlineData(new[] { "only:region=us-east", "only:tier=edge" }, false)]
    [InlineData(new[] { "only:region=us-east", "only:tier=edge|core" }, true)]
    [InlineData(new[] { "other", "region:eu-west" }, true)]
    public void Selects_ValuesAreAlternatives_TagsMustAllMatch(string[] tags, bool selected) =>
        Assert.Equal(selected, ConfigView.Selects(tags, new Dictionary<string, string> { ["region"] = "us-east", ["tier"] = "core" }));

    [Fact]
    public void Key_NamesTheSelectorLabelsWithTheNodesValues_OrFull()
    {
        var state = Upsert(ConfigState.Empty, Service("a") with { Tags = ["only:region=eu-west"] }, Service("b") with { Tags = ["only:cloud=aws"] });
        var labels = ConfigView.SelectorLabels(state);
        Assert.Equal(["cloud", "region"], labels);
        Assert.Equal("cloud=,region=us-east", ConfigView.Key(labels, Us));
        Assert.Equal("full", ConfigView.Key(ConfigView.SelectorLabels(Upsert(ConfigState.Empty, Service("c"))), Us));
    }

    [Theory]
    [InlineData("only:region")]
    [InlineData("only:=eu-west")]
    [InlineData("only:region=")]
    [InlineData("only:region=eu-west|")]
    public void MalformedSelectorTag_IsRefusedNamingTheTag(string tag)
    {
        var errors = EntityChecks.Errors(EntityKinds.Services, "{\"name\":\"s\",\"host\":\"example.com\",\"tags\":[\"" + tag + "\"]}");
        EntityChecks.AssertOnlyError(errors, "tags.0", "node selector");
    }
}
