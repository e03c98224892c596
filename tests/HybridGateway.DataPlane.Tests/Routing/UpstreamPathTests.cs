using HybridGateway.DataPlane.Routing;

namespace HybridGateway.DataPlane.Tests.Routing;

public sealed class UpstreamPathTests
{
    /// <summary>Kong's documented table (Admin API, "Path handling algorithms"): route path, strip_path, handling.</summary>
    public static TheoryData<string, string, bool, string, string, string> KongDocumentedTable => new()
    {
        { "/s", "/fv0", false, "v0", "/fv0req", "/s/fv0req" },
        { "/s", "/fv1", false, "v1", "/fv1req", "/sfv1req" },
        { "/s", "/tv0", true, "v0", "/tv0req", "/s/req" },
        { "/s", "/tv1", true, "v1", "/tv1req", "/sreq" },
        { "/s", "/fv0/", false, "v0", "/fv0/req", "/s/fv0/req" },
        { "/s", "/fv1/", false, "v1", "/fv1/req", "/sfv1/req" },
        { "/s", "/tv0/", true, "v0", "/tv0/req", "/s/req" },
        { "/s", "/tv1/", true, "v1", "/tv1/req", "/sreq" },
        // Stripped, as in the brief's examples.
        { "/s", "/fv0", true, "v0", "/fv0/req", "/s/req" },
        { "/s", "/fv0", true, "v0", "/fv0", "/s" },
        { "/s", "/fv0", true, "v0", "/fv0req", "/s/req" },
        { "/s/", "/fv0", true, "v0", "/fv0/req", "/s/req" },
        { "/s/", "/fv0", true, "v0", "/fv0req", "/s/req" },
        { "/s", "/fv1", true, "v1", "/fv1/req", "/s/req" },
        { "/s", "/fv1", true, "v1", "/fv1req", "/sreq" },
        { "/s", "/fv1", true, "v1", "/fv1", "/s" },
        { "/s/", "/fv1", true, "v1", "/fv1/req", "/s/req" },
        { "/s/", "/fv1", true, "v1", "/fv1", "/s/" },
        // v0 removes the service path's trailing slash when nothing follows (Kong's code and test fixture
        // agree; v1 keeps it).
        { "/s/", "/fv0", true, "v0", "/fv0", "/s" },
    };

    /// <summary>Kong's router_path_handling_tests fixture, expanded; a null route path means a host-only route.</summary>
    public static TheoryData<string, string?, bool, string, string, string> KongFixture()
    {
        var data = new TheoryData<string, string?, bool, string, string, string>();
        void Add(string service, string? route, bool[] strips, string[] handlings, string request, string expected)
        {
            foreach (var strip in strips)
            {
                foreach (var handling in handlings)
                {
                    data.Add(service, route, strip, handling, request, expected);
                }
            }
        }
        bool[] both = [false, true];
        bool[] off = [false];
        bool[] on = [true];
        string[] anyHandling = ["v0", "v1"];
        string[] v0 = ["v0"];
        string[] v1 = ["v1"];

        Add("/", "/", both, anyHandling, "/", "/");
        Add("/", "/", both, anyHandling, "/route", "/route");
        Add("/", "/", both, anyHandling, "/route/", "/route/");
        Add("/", "/", both, anyHandling, "/routereq", "/routereq");
        Add("/", "/", both, anyHandling, "/route/req", "/route/req");
        Add("/", "/route", off, anyHandling, "/route", "/route");
        Add("/", "/route", off, anyHandling, "/route/", "/route/");
        Add("/", "/route", off, anyHandling, "/routereq", "/routereq");
        Add("/", "/route", on, anyHandling, "/route", "/");
        Add("/", "/route", on, anyHandling, "/route/", "/");
        Add("/", "/route", on, anyHandling, "/routereq", "/req");
        Add("/", "/route/", off, anyHandling, "/route/", "/route/");
        Add("/", "/route/", off, anyHandling, "/route/req", "/route/req");
        Add("/", "/route/", on, anyHandling, "/route/", "/");
        Add("/", "/route/", on, anyHandling, "/route/req", "/req");
        Add("/srv", "/rou", off, v0, "/roureq", "/srv/roureq");
        Add("/srv", "/rou", off, v1, "/roureq", "/srvroureq");
        Add("/srv", "/rou", on, v0, "/roureq", "/srv/req");
        Add("/srv", "/rou", on, v1, "/roureq", "/srvreq");
        Add("/srv/", "/rou", off, anyHandling, "/rou", "/srv/rou");
        Add("/srv/", "/rou", on, v0, "/rou", "/srv");
        Add("/srv/", "/rou", on, v1, "/rou", "/srv/");
        Add("/service", "/", both, anyHandling, "/", "/service");
        Add("/service", "/", both, v0, "/route", "/service/route");
        Add("/service", "/", both, v1, "/route", "/serviceroute");
        Add("/service", "/", both, v0, "/route/", "/service/route/");
        Add("/service", "/", both, v1, "/route/", "/serviceroute/");
        Add("/service", "/", both, v0, "/routereq", "/service/routereq");
        Add("/service", "/", both, v1, "/routereq", "/serviceroutereq");
        Add("/service", "/", both, v0, "/route/req", "/service/route/req");
        Add("/service", "/", both, v1, "/route/req", "/serviceroute/req");
        Add("/service", "/route", off, v0, "/route", "/service/route");
        Add("/service", "/route", off, v1, "/route", "/serviceroute");
        Add("/service", "/route", off, v0, "/route/", "/service/route/");
        Add("/service", "/route", off, v1, "/route/", "/serviceroute/");
        Add("/service", "/route", off, v0, "/routereq", "/service/routereq");
        Add("/service", "/route", off, v1, "/routereq", "/serviceroutereq");
        Add("/service", "/route", on, anyHandling, "/route", "/service");
        Add("/service", "/route", on, anyHandling, "/route/", "/service/");
        Add("/service", "/route", on, v0, "/routereq", "/service/req");
        Add("/service", "/route", on, v1, "/routereq", "/servicereq");
        Add("/service", "/route/", off, v0, "/route/", "/service/route/");
        Add("/service", "/route/", off, v1, "/route/", "/serviceroute/");
        Add("/service", "/route/", off, v0, "/route/req", "/service/route/req");
        Add("/service", "/route/", off, v1, "/route/req", "/serviceroute/req");
        Add("/service", "/route/", on, v0, "/route/", "/service/");
        Add("/service", "/route/", on, v1, "/route/", "/service");
        Add("/service", "/route/", on, v0, "/route/req", "/service/req");
        Add("/service", "/route/", on, v1, "/route/req", "/servicereq");
        Add("/service/", "/", both, anyHandling, "/route/", "/service/route/");
        Add("/service/", "/", both, anyHandling, "/", "/service/");
        Add("/service/", "/", both, anyHandling, "/route", "/service/route");
        Add("/service/", "/", both, anyHandling, "/routereq", "/service/routereq");
        Add("/service/", "/", both, anyHandling, "/route/req", "/service/route/req");
        Add("/service/", "/route", off, anyHandling, "/route", "/service/route");
        Add("/service/", "/route", off, anyHandling, "/route/", "/service/route/");
        Add("/service/", "/route", off, anyHandling, "/routereq", "/service/routereq");
        Add("/service/", "/route", on, v0, "/route", "/service");
        Add("/service/", "/route", on, v1, "/route", "/service/");
        Add("/service/", "/route", on, anyHandling, "/route/", "/service/");
        Add("/service/", "/route", on, anyHandling, "/routereq", "/service/req");
        Add("/service/", "/route/", off, anyHandling, "/route/", "/service/route/");
        Add("/service/", "/route/", off, anyHandling, "/route/req", "/service/route/req");
        Add("/service/", "/route/", on, anyHandling, "/route/", "/service/");
        Add("/service/", "/route/", on, anyHandling, "/route/req", "/service/req");
        Add("/", null, both, anyHandling, "/", "/");
        Add("/", null, both, anyHandling, "/route", "/route");
        Add("/", null, both, anyHandling, "/route/", "/route/");
        Add("/service", null, both, anyHandling, "/", "/service");
        Add("/service", null, both, v0, "/route", "/service/route");
        Add("/service", null, both, v1, "/route", "/serviceroute");
        Add("/service", null, both, v0, "/route/", "/service/route/");
        Add("/service", null, both, v1, "/route/", "/serviceroute/");
        Add("/service/", null, both, anyHandling, "/", "/service/");
        Add("/service/", null, both, anyHandling, "/route", "/service/route");
        Add("/service/", null, both, anyHandling, "/route/", "/service/route/");
        return data;
    }

    [Theory]
    [MemberData(nameof(KongDocumentedTable))]
    public void Build_KongDocumentedTable_GivesProxiedPath(string servicePath, string routePath, bool strip, string handling, string request, string expected) =>
        Assert.Equal(expected, UpstreamPath.Build(servicePath, request, routePath.Length, strip, handling));

    [Theory]
    [MemberData(nameof(KongFixture))]
    public void Build_KongFixtureRow_GivesExpectedPath(string servicePath, string? routePath, bool strip, string handling, string request, string expected) =>
        Assert.Equal(expected, UpstreamPath.Build(servicePath, request, routePath?.Length ?? 0, strip, handling));

    [Theory]
    [InlineData("/foo/bar", 4, true, "v0", "/bar")]
    [InlineData("/foo/bar", 4, false, "v0", "/foo/bar")]
    [InlineData("/foo", 4, true, "v0", "/")]
    [InlineData("/foo", 4, true, "v1", "/")]
    [InlineData("/", 0, true, "v0", "/")]
    [InlineData("/", 0, false, "v1", "/")]
    [InlineData("/x", 0, true, "v1", "/x")]
    public void Build_NoServicePath_IsTheStrippedRequestPathAndNeverEmpty(string request, int matched, bool strip, string handling, string expected)
    {
        Assert.Equal(expected, UpstreamPath.Build(null, request, matched, strip, handling));
        Assert.Equal(expected, UpstreamPath.Build("", request, matched, strip, handling));
    }

    [Theory]
    [InlineData("/s", "/foo../etc", 4, "v0", "/s/etc")]
    [InlineData("/s", "/foo..", 4, "v0", "/s")]
    [InlineData("/s/", "/foo./x", 4, "v0", "/s/x")]
    [InlineData("/s", "/foo../etc", 4, "v1", "/setc")]
    public void Build_PrefixEndingInsideDotSegment_DoesNotClimbOutOfServicePath(string servicePath, string request, int matched, string handling, string expected) =>
        Assert.Equal(expected, UpstreamPath.Build(servicePath, request, matched, true, handling));

    [Fact]
    public void Build_RegexMatchLength_StripsWhatTheRegexMatched() =>
        Assert.Equal("/s/profile", UpstreamPath.Build("/s", "/users/42/profile", "/users/42".Length, true, "v0"));
}
