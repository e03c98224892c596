using System.Text.RegularExpressions;
using HybridGateway.DataPlane.Routing;

namespace HybridGateway.DataPlane.Tests.Routing;

/// <summary>The router's regexes run on the linear-time engine: a hostile path cannot make a match slow.</summary>
public sealed class RouteRegexEngineTests
{
    [Theory]
    [InlineData("/(a+)+$")]
    [InlineData("/users/(?<id>\\d+)$")]
    [InlineData("/(x|xx)*y")]
    public void PathRegexes_AreNonBacktracking(string pattern)
    {
        var regex = RouteRegex.ForPath(pattern);

        Assert.True((regex.Options & RegexOptions.NonBacktracking) != 0);
        Assert.DoesNotMatch(regex, "/" + new string('a', 50_000) + "b"); // linear: no timeout, no hang
    }

    [Fact]
    public void HeaderRegexes_AreNonBacktracking() =>
        Assert.True((RouteRegex.ForHeader("^(v+)+1$").Options & RegexOptions.NonBacktracking) != 0);

    [Fact]
    public void APatternStoredBeforeTheRule_StillRuns_OnTheBoundedBacktrackingEngine()
    {
        var regex = RouteRegex.ForPath("/a(?=b)");

        Assert.True((regex.Options & RegexOptions.NonBacktracking) == 0);
        Assert.Equal(TimeSpan.FromMilliseconds(100), regex.MatchTimeout);
        Assert.Matches(regex, "/ab");
    }
}
