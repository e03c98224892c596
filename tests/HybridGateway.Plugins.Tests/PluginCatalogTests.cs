using HybridGateway.Configuration.Plugins;
using HybridGateway.Plugins.KeyAuth;

namespace HybridGateway.Plugins.Tests;

public sealed class PluginCatalogTests
{
    /// <summary>
    /// Kong's run order (KONG-REFERENCE.md, "Plugin priorities"), restricted to the plugins we ship.
    /// Written out literally: a change of priority that reorders plugins must fail here.
    /// </summary>
    private static readonly string[] KongRunOrder =
    [
        "correlation-id",
        "cors",
        "jwt",
        "key-auth",
        "basic-auth",
        "ip-restriction",
        "request-size-limiting",
        "acl",
        "rate-limiting",
        "request-transformer",
        "response-transformer",
        "opentelemetry",
        "prometheus",
        "http-log",
        "file-log",
        "request-termination",
    ];

    [Fact]
    public void Default_NoTwoPlugins_ShareAPriority()
    {
        var shared = PluginCatalog.Default.All
            .GroupBy(p => p.Priority)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key + ": " + string.Join(", ", g.Select(p => p.Name)));

        Assert.Empty(shared);
    }

    [Fact]
    public void Default_RunOrderByDescendingPriority_IsKongsOrder()
    {
        var byPriority = PluginCatalog.Default.All.OrderByDescending(p => p.Priority).Select(p => p.Name);

        Assert.Equal(KongRunOrder, byPriority);
    }

    [Fact]
    public void Default_All_IsListedInRunOrder() =>
        Assert.Equal(KongRunOrder, PluginCatalog.Default.All.Select(p => p.Name));

    [Theory]
    [InlineData("correlation-id", 100001)]
    [InlineData("cors", 2000)]
    [InlineData("jwt", 1450)]
    [InlineData("key-auth", 1250)]
    [InlineData("basic-auth", 1100)]
    [InlineData("ip-restriction", 990)]
    [InlineData("request-size-limiting", 951)]
    [InlineData("acl", 950)]
    [InlineData("rate-limiting", 910)]
    [InlineData("request-transformer", 801)]
    [InlineData("response-transformer", 800)]
    [InlineData("prometheus", 13)]
    [InlineData("request-termination", 2)]
    public void Find_ShippedPlugin_HasKongsPriority(string name, int priority)
    {
        var definition = PluginCatalog.Default.Find(name);

        Assert.NotNull(definition);
        Assert.Equal(name, definition.Name);
        Assert.Equal(priority, definition.Priority);
    }

    [Fact]
    public void Default_Names_AreUniqueAndEachFindsItsOwnDefinition()
    {
        var all = PluginCatalog.Default.All;

        Assert.Equal(all.Count, all.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, p => Assert.Same(p, PluginCatalog.Default.Find(p.Name)));
        Assert.All(all, p => Assert.Matches("^[a-z]+(-[a-z]+)*$", p.Name));
    }

    [Fact]
    public void Constructor_TwoDefinitionsWithOneName_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new PluginCatalog([new KeyAuthDefinition(), new KeyAuthDefinition()]));

    [Theory]
    [InlineData("key-auth")]
    [InlineData("Key-Auth")]
    [InlineData("post-function")]
    [InlineData("")]
    public void Find_NameNotShipped_IsNullUnlessExact(string name) =>
        Assert.Equal(name == "key-auth", PluginCatalog.Default.Find(name) is not null);

    [Theory]
    [InlineData("key-auth")]
    [InlineData("basic-auth")]
    [InlineData("jwt")]
    [InlineData("acl")]
    [InlineData("cors")]
    public void Scopes_PluginsThatIdentifyOrFilterBeforeTheConsumerIsKnown_CannotBeAttachedToAConsumer(string name)
    {
        var scopes = PluginCatalog.Default.Find(name)!.Scopes;

        Assert.False(scopes.HasFlag(PluginScopes.Consumer));
        Assert.True(scopes.HasFlag(PluginScopes.Route));
        Assert.True(scopes.HasFlag(PluginScopes.Service));
    }

    [Theory]
    [InlineData("rate-limiting")]
    [InlineData("request-termination")]
    [InlineData("request-transformer")]
    [InlineData("ip-restriction")]
    public void Scopes_PerConsumerPlugins_MayBeAttachedAnywhere(string name) =>
        Assert.Equal(PluginScopes.All, PluginCatalog.Default.Find(name)!.Scopes);
}
