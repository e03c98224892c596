using HybridGateway.Configuration.Credentials;

namespace HybridGateway.Configuration.Tests.Credentials;

public sealed class PasswordHashTests
{
    // The lowest iteration count the format accepts, to keep the tests fast.
    private const int Iterations = 1_000;

    [Theory]
    [InlineData("hunter2")]
    [InlineData("")]
    [InlineData("pässwörd with $ and spaces")]
    public void Verify_SamePassword_IsTrue(string password)
    {
        var stored = PasswordHash.Create(password, Iterations);

        Assert.True(PasswordHash.IsWellFormed(stored));
        Assert.True(PasswordHash.Verify(password, stored));
    }

    [Theory]
    [InlineData("hunter2", "Hunter2")]
    [InlineData("hunter2", "hunter2 ")]
    [InlineData("hunter2", "")]
    public void Verify_WrongPassword_IsFalse(string password, string attempt) =>
        Assert.False(PasswordHash.Verify(attempt, PasswordHash.Create(password, Iterations)));

    [Fact]
    public void Create_SamePasswordTwice_UsesADifferentSalt()
    {
        var first = PasswordHash.Create("hunter2", Iterations);
        var second = PasswordHash.Create("hunter2", Iterations);

        Assert.NotEqual(first, second);
        Assert.True(PasswordHash.Verify("hunter2", second));
    }

    [Fact]
    public void Create_DefaultIterations_AreWrittenInTheHash()
    {
        var stored = PasswordHash.Create("hunter2");

        Assert.StartsWith("$pbkdf2-sha256$i=100000$", stored, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("hunter2", stored));
    }

    [Fact]
    public void Verify_HashWithAnotherIterationCount_UsesTheStoredCount()
    {
        var stored = PasswordHash.Create("hunter2", Iterations);
        var parts = stored.Split('$');
        var tampered = string.Join('$', parts[0], parts[1], "i=2000", parts[3], parts[4]);

        Assert.False(PasswordHash.Verify("hunter2", tampered));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hunter2")]
    [InlineData("$pbkdf2-sha256$")]
    [InlineData("$pbkdf2-sha1$i=1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA==")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaA==$extra")]
    [InlineData("$pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("$pbkdf2-sha256$i=abc$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("$pbkdf2-sha256$i=-1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("$pbkdf2-sha256$i=999$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("$pbkdf2-sha256$i=10000001$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("$pbkdf2-sha256$i=1000$not base64!$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA==$not base64!")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaA==")]
    public void Verify_MalformedStoredHash_IsFalseAndNotWellFormed(string stored)
    {
        Assert.False(PasswordHash.IsWellFormed(stored));
        Assert.False(PasswordHash.Verify("hunter2", stored));
    }
}
