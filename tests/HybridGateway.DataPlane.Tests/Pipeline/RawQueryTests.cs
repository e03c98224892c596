using HybridGateway.DataPlane.Pipeline;

namespace HybridGateway.DataPlane.Tests.Pipeline;

public sealed class RawQueryTests
{
    [Theory]
    [InlineData("?apikey=k", "k")]
    [InlineData("?a=1&apikey=k%20x&b", "k x")]
    [InlineData("?apikey=a+b", "a b")]
    [InlineData("?api%6Bey=k", "k")]
    [InlineData("?apikey", "")]
    [InlineData("?apikey=", "")]
    [InlineData("", "")]
    public void Values_FindsTheDecodedValue(string query, string expected) =>
        Assert.Equal(expected, RawQuery.Values(query, "apikey").ToString());

    [Theory]
    [InlineData("?apikey=k", "")]
    [InlineData("?a=1&apikey=k&b=%2F", "?a=1&b=%2F")]
    [InlineData("?apikey=k&apikey=j&c=3", "?c=3")]
    [InlineData("?a=1", "?a=1")]
    public void Without_RemovesOnlyThatArgument_KeepingTheRestAsSent(string query, string expected) =>
        Assert.Equal(expected, RawQuery.Without(query, "apikey"));
}
