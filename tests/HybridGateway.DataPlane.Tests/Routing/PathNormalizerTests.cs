using HybridGateway.DataPlane.Routing;

namespace HybridGateway.DataPlane.Tests.Routing;

public sealed class PathNormalizerTests
{
    public static TheoryData<string, string> Normalized => new()
    {
        // Already normal: returned as is.
        { "/", "/" },
        { "/a/b", "/a/b" },
        { "/a/b/", "/a/b/" },
        { "/.well-known/acme", "/.well-known/acme" },
        { "/a/..b/c.", "/a/..b/c." },
        // Traversal: dot segments are resolved and never climb above the root.
        { "/a/../../etc", "/etc" },
        { "/../../etc/passwd", "/etc/passwd" },
        { "/a/b/../c", "/a/c" },
        { "/a/./b", "/a/b" },
        { "/a/b/..", "/a/" },
        { "/a/b/.", "/a/b/" },
        { "/..", "/" },
        { "/.", "/" },
        { "/a/../", "/" },
        // Encoded dots are decoded first, so they are dot segments too.
        { "/a/%2e%2e/b", "/b" },
        { "/a/%2E%2E/b", "/b" },
        { "/a/.%2e/b", "/b" },
        { "/a/%2e/b", "/a/b" },
        // Duplicate slashes merge, and an empty segment is not something ".." can pop.
        { "//a///b", "/a/b" },
        { "/a//", "/a/" },
        { "//", "/" },
        { "/a//../b", "/b" },
        // Unreserved characters are decoded; everything else stays encoded with upper-case hex.
        { "/%7Euser", "/~user" },
        { "/%7euser", "/~user" },
        { "/%41%62%2D%5F%30", "/Ab-_0" },
        { "/a%2Fb", "/a%2Fb" },
        { "/a%2fb", "/a%2Fb" },
        { "/a%2f..%2fb", "/a%2F..%2Fb" },
        { "/a%20b", "/a%20b" },
        { "/a%3fb%2fc", "/a%3Fb%2Fc" },
        { "/%25", "/%25" },
        { "/%252e%252e/x", "/%252e%252e/x" },
        { "/%c3%a9", "/%C3%A9" },
    };

    public static TheoryData<string> Rejected => new()
    {
        "",
        "a/b",
        "*",
        "http://example.com/a",
        "%2Fa",
        "/a%",
        "/a%2",
        "/a%zz",
        "/a%g0",
        "/a\0b",
        "/a%00b",
        "/a\nb",
        "/a\rb",
        "/a\tb",
        "/a\u007Fb",
        "/a\u0085b",
    };

    [Theory]
    [MemberData(nameof(Normalized))]
    public void Normalize_ValidPath_ReturnsKongNormalForm(string raw, string expected) =>
        Assert.Equal(expected, PathNormalizer.Normalize(raw));

    [Theory]
    [MemberData(nameof(Normalized))]
    public void Normalize_AppliedTwice_ChangesNothingMore(string raw, string expected)
    {
        var once = PathNormalizer.Normalize(raw);
        Assert.Equal(expected, once);
        Assert.Equal(once, PathNormalizer.Normalize(once!));
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Normalize_NotAnAbsolutePathOrMalformed_ReturnsNull(string raw) =>
        Assert.Null(PathNormalizer.Normalize(raw));

    [Fact]
    public void Normalize_PathNeedingNoChange_ReturnsSameInstance()
    {
        var raw = "/api/v1/users";
        Assert.Same(raw, PathNormalizer.Normalize(raw));
    }

    [Fact]
    public void Normalize_LongPath_NormalizesBeyondStackBuffer()
    {
        var segment = new string('x', 300);
        var raw = "/" + segment + "/%2e%2e//" + segment + "/%7E";
        Assert.Equal("/" + segment + "/~", PathNormalizer.Normalize(raw));
    }
}
