using HybridGateway.DataPlane.Pipeline;

namespace HybridGateway.DataPlane.Tests.Pipeline;

public sealed class RawQueryTests
{
    [Theory]
    [InlineData("?apikey=k", 1, "k")]
    [InlineData("?a=1&apikey=k%20x&b", 1, "k x")]
    [InlineData("?apikey=a+b", 1, "a b")]
    [InlineData("?api%6Bey=k", 1, "k")]
    [InlineData("?apikey=%zz", 1, "%zz")]
    [InlineData("?apikey", 1, null)]
    [InlineData("?apikey=", 1, "")]
    [InlineData("?apikey&apikey=k", 2, null)]
    [InlineData("?apikey=k&apikey=j", 2, "k")]
    [InlineData("?APIKEY=k", 0, null)]
    [InlineData("", 0, null)]
    public void Find_CountsTheArgumentAndDecodesItsFirstValue(string query, int count, string? first) =>
        Assert.Equal((count, first), RawQuery.Find(query, "apikey"));

    [Theory]
    [InlineData("?apikey=k", "")]
    [InlineData("?a=1&apikey=k&b=%2F", "?a=1&b=%2F")]
    [InlineData("?apikey=k&apikey=j&c=3", "?c=3")]
    [InlineData("?a=1", "?a=1")]
    [InlineData("?a=1&&b=2", "?a=1&&b=2")]
    public void Without_RemovesOnlyThatArgument_KeepingTheRestAsSent(string query, string expected) =>
        Assert.Equal(expected, RawQuery.Without(query, "apikey"));
}
