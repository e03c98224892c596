using HybridGateway.Configuration.Credentials;

namespace HybridGateway.Configuration.Tests.Credentials;

public sealed class KeyHashTests
{
    [Fact]
    public void Of_KnownKey_IsItsLowercaseSha256Hex() =>
        Assert.Equal("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", KeyHash.Of("foo"));

    [Theory]
    [InlineData("foo")]
    [InlineData("a-32-character-generated-api-key")]
    [InlineData("ünïcödé key with spaces")]
    public void Matches_SameKey_IsTrue(string key)
    {
        var stored = KeyHash.Of(key);

        Assert.True(KeyHash.IsWellFormed(stored));
        Assert.True(KeyHash.Matches(key, stored));
    }

    [Theory]
    [InlineData("foo", "Foo")]
    [InlineData("foo", "foo ")]
    [InlineData("foo", "")]
    public void Matches_OtherKey_IsFalse(string key, string presented) =>
        Assert.False(KeyHash.Matches(presented, KeyHash.Of(key)));

    [Theory]
    [InlineData("")]
    [InlineData("foo")]
    [InlineData("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7a")]
    [InlineData("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7aeff")]
    [InlineData("zz26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")]
    public void Matches_MalformedStoredHash_IsFalse(string stored) =>
        Assert.False(KeyHash.Matches("foo", stored));

    [Theory]
    [InlineData("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", true)]
    [InlineData("2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE", false)]
    [InlineData("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7a", false)]
    [InlineData("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae0", false)]
    [InlineData("", false)]
    public void IsWellFormed_Value_AcceptsOnly64LowercaseHexCharacters(string value, bool expected) =>
        Assert.Equal(expected, KeyHash.IsWellFormed(value));
}
