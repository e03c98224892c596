using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.Tests.Support;
using HybridGateway.Configuration.Validation;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class TagRulesTests
{
    [Theory]
    [InlineData("a,b")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("bell\u0007")]
    [InlineData("line\nbreak")]
    public void Validate_BadTag_ReportsItsIndex(string tag)
    {
        var errors = new FieldErrors();

        TagRules.Validate(["fine", tag], errors);

        EntityChecks.AssertOnlyError(errors.Describe().ToArray(), "tags.1", "invalid tag '" + tag + "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences");
    }

    [Fact]
    public void Validate_GoodTags_ReportsNothing()
    {
        var errors = new FieldErrors();

        TagRules.Validate(["prod", "team-a", "v1.2:canary", "ünïcödé", "with space"], errors);

        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData("services", """{"host":"example.com","tags":["a/b"]}""")]
    [InlineData("routes", """{"paths":["/"],"tags":["a,b"]}""")]
    [InlineData("consumers", """{"username":"u","tags":["ok",""]}""")]
    [InlineData("upstreams", """{"name":"u","tags":["x/y"]}""")]
    public void EntityValidation_BadTagOnAnyKind_ReportsTags(string kind, string json)
    {
        var errors = EntityChecks.Errors(EntityKinds.Find(kind)!, json);

        var line = Assert.Single(errors);
        Assert.StartsWith("tags.", line, StringComparison.Ordinal);
        Assert.Contains("invalid tag", line, StringComparison.Ordinal);
    }
}
