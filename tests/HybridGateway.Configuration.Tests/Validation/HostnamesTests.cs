using HybridGateway.Configuration.Validation;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class HostnamesTests
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("example.com:8080", "example.com")]
    [InlineData("10.0.0.1:80", "10.0.0.1")]
    [InlineData("[::1]", "[::1]")]
    [InlineData("[::1]:443", "[::1]")]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("example.com:0", null)]
    [InlineData("example.com:65536", null)]
    [InlineData("example.com:+80", null)]
    [InlineData("[::1]:", null)]
    [InlineData("[::1", null)]
    public void StripPort_HostWithOrWithoutPort_ReturnsHostOrNullForBadPort(string input, string? expected) =>
        Assert.Equal(expected, Hostnames.StripPort(input));

    [Theory]
    [InlineData("example.com", true)]
    [InlineData("example.com.", true)]
    [InlineData("under_score.example", true)]
    [InlineData("xn--bcher-kva.example", true)]
    [InlineData("", false)]
    [InlineData("-leading.example", false)]
    [InlineData("trailing-.example", false)]
    [InlineData("a..b", false)]
    [InlineData("sp ace.example", false)]
    [InlineData("bücher.example", false)]
    public void IsValidName_Label_FollowsHostnameRules(string host, bool expected) =>
        Assert.Equal(expected, Hostnames.IsValidName(host));

    [Fact]
    public void IsValidName_LabelOver63Characters_IsInvalid()
    {
        Assert.True(Hostnames.IsValidName(new string('a', 63) + ".example"));
        Assert.False(Hostnames.IsValidName(new string('a', 64) + ".example"));
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("[2001:db8::1]", true)]
    [InlineData("1.2.3", false)]
    [InlineData("10", false)]
    [InlineData("example.com", false)]
    public void IsIpAddress_Text_AcceptsOnlyFullAddresses(string host, bool expected) =>
        Assert.Equal(expected, Hostnames.IsIpAddress(host));
}
