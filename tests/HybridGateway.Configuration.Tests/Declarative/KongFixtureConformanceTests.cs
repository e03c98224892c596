using System.Text.Json.Nodes;
using HybridGateway.Configuration.Declarative;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Declarative;

/// <summary>Every decK file imports and exports back equivalent, or is refused naming what is unsupported.</summary>
public sealed class KongFixtureConformanceTests
{
    /// <summary>Files that use something this gateway does not support, and a word the refusal must contain.</summary>
    public static readonly IReadOnlyDictionary<string, string> Refused = new Dictionary<string, string>
    {
        ["diff-002-mask-kong3x.yaml"] = "environment templating",
        ["diff-011-skip-defaults-plugin-implicit-enabled-kong.yaml"] = "plugin 'post-function' is not supported",
        ["dump-001-entities-with-tags-kong.yaml"] = "hmac-auth credentials are not supported",
        ["dump-008-sanitizer-route-expressions.yaml"] = "expressions router is not supported",
    };

    public static IEnumerable<object[]> Files() => KongFixtures.Files();

    /// <summary>Its rate-limiting instance uses the redis policy, now served by the cluster counters: only its hmac-auth credentials are refused.</summary>
    [KongFixtureTheory]
    [InlineData("dump-001-entities-with-tags-kong.yaml")]
    public void RedisRateLimiting_IsAccepted_OnlyTheUnsupportedRestIsRefused(string file)
    {
        var plan = TestConfig.ImportYaml(KongFixtures.Read(file));

        Assert.False(plan.Success);
        Assert.All(plan.Errors.Describe(), line => Assert.DoesNotContain("redis", line, StringComparison.OrdinalIgnoreCase));
        Assert.All(plan.Errors.Describe(), line => Assert.Contains("hmac", line, StringComparison.OrdinalIgnoreCase));
    }

    [KongFixtureTheory]
    [MemberData(nameof(Files))]
    public void Fixture_ImportsAndExportsBackEquivalent_OrIsRefusedNamingTheFeature(string file)
    {
        var plan = TestConfig.ImportYaml(KongFixtures.Read(file));
        if (Refused.TryGetValue(file, out var reason))
        {
            Assert.False(plan.Success);
            Assert.Contains(plan.Errors.Describe(), line => line.Contains(reason, StringComparison.Ordinal));
            return;
        }
        Assert.True(plan.Success, file + ":\n" + string.Join("\n", plan.Errors.Describe()));
        var exported = DeclarativeExporter.Export(plan.Result!);
        var reimported = TestConfig.Import(YamlJson.Write(exported));
        Assert.Equal(exported.ToJsonString(), DeclarativeExporter.Export(reimported).ToJsonString());
        FixtureSubset.AssertContained(YamlJson.Parse(KongFixtures.Read(file))!.AsObject(), exported);
    }

    [KongFixtureTheory]
    [MemberData(nameof(Files))]
    public void Fixture_ReimportedOverItself_ChangesNothing(string file)
    {
        if (Refused.ContainsKey(file))
        {
            return;
        }
        var state = TestConfig.Import(KongFixtures.Read(file));
        var again = TestConfig.ImportYaml(KongFixtures.Read(file), state);
        Assert.True(again.Success);
        Assert.Empty(again.Changes);
    }
}
