using HybridGateway.DataPlane.Routing;

namespace HybridGateway.DataPlane.Tests.Routing;

/// <summary>Kong's traditional router rules as tables of (routes, request) → route name.</summary>
public sealed class RouteTableTests
{
    /// <summary>Every row is run with the routes in the given order and reversed; ids follow the position
    /// (unless given), so a rule that is not implemented would lose to the id tie-break in one of the runs.</summary>
    public static TheoryData<string, string[], string, string> PriorityRules => new()
    {
        // 1. More fields set first.
        { "path+method beats a longer path alone", ["long paths=/foo/bar", "short-method paths=/foo methods=GET"], "GET example.com /foo/bar", "short-method" },
        { "host+path+header beats host+regex path", ["regex hosts=example.com paths=~/foo", "three hosts=example.com paths=/f h:x-a=1"], "GET example.com /foo x-a=1", "three" },
        { "snis count as a field", ["host-path hosts=example.com paths=/foo", "host-path-sni hosts=example.com paths=/f snis=example.com"], "GET example.com /foo sni=example.com", "host-path-sni" },
        { "wildcard host with more fields beats exact host", ["exact hosts=api.example.com", "wild-method hosts=*.example.com methods=GET"], "GET api.example.com /", "wild-method" },
        { "host-less route with more fields beats host route", ["host hosts=example.com paths=/", "no-host paths=/ methods=GET h:x-a=1"], "GET example.com / x-a=1", "no-host" },
        // 2. Plain host, then wildcard host, then no host.
        { "exact host before leading wildcard", ["wild hosts=*.example.com", "exact hosts=api.example.com"], "GET api.example.com /", "exact" },
        { "exact host before trailing wildcard", ["wild hosts=api.example.*", "exact hosts=api.example.com"], "GET api.example.com /", "exact" },
        { "exact host before wildcard on a route that has both", ["mixed hosts=other.com,*.example.com", "exact hosts=api.example.com"], "GET api.example.com /", "exact" },
        { "wildcard host before no host", ["no-host paths=/ methods=GET", "wild hosts=*.example.com paths=/"], "GET api.example.com /", "wild" },
        { "exact host before no host", ["no-host methods=GET", "exact hosts=example.com"], "GET example.com /", "exact" },
        { "host kind before header count", ["wild-two-headers hosts=*.example.com h:x-a=1 h:x-b=2", "exact-one-header hosts=api.example.com h:x-a=1"], "GET api.example.com / x-a=1 x-b=2", "exact-one-header" },
        // 3. More headers.
        { "more headers first", ["one h:x-a=1", "two h:x-a=1 h:x-b=2"], "GET example.com / x-a=1 x-b=2", "two" },
        { "more headers before regex path", ["regex h:x-a=1 paths=~/foo", "plain-two-headers h:x-a=1 h:x-b=2 paths=/foo"], "GET example.com /foo x-a=1 x-b=2", "plain-two-headers" },
        // 4. Regex paths before plain ones, by regex_priority.
        { "regex before plain", ["plain paths=/foo/bar", "regex paths=~/foo"], "GET example.com /foo/bar", "regex" },
        { "regex before longer plain with higher regex_priority", ["plain paths=/foo/bar/baz rp=100", "regex paths=~/f rp=0"], "GET example.com /foo/bar/baz", "regex" },
        { "higher regex_priority first", ["low paths=~/foo/bar rp=1", "high paths=~/foo rp=5"], "GET example.com /foo/bar", "high" },
        { "negative regex_priority last", ["negative paths=~/foo rp=-1", "zero paths=~/foo"], "GET example.com /foo", "zero" },
        { "regex_priority before created_at", ["old-low paths=~/foo rp=0 created=1", "new-high paths=~/foo rp=2 created=9"], "GET example.com /foo", "new-high" },
        // 5. Plain paths longest first.
        { "longest plain path first", ["short paths=/foo", "long paths=/foo/bar"], "GET example.com /foo/bar/baz", "long" },
        { "longest plain path first across routes with several paths", ["multi paths=/a,/foo", "long paths=/foo/b"], "GET example.com /foo/bar", "long" },
        { "longest plain path first under a host", ["short hosts=example.com paths=/", "long hosts=example.com paths=/api"], "GET example.com /api/x", "long" },
        { "longest plain path before created_at", ["old-short paths=/a created=1", "new-long paths=/a/b created=9"], "GET example.com /a/b", "new-long" },
        // 6. A path before no path.
        { "plain path before no path", ["no-path hosts=example.com methods=GET", "path hosts=example.com paths=/"], "GET example.com /", "path" },
        { "regex path before no path", ["no-path methods=GET", "regex paths=~/"], "GET example.com /", "regex" },
        // 7. Ties: older created_at, then id.
        { "older created_at first", ["newer paths=/foo created=20", "older paths=/foo created=10"], "GET example.com /foo", "older" },
        { "older created_at first for regex paths", ["newer paths=~/foo created=20", "older paths=~/f created=10"], "GET example.com /foo", "older" },
        { "lower id on a full tie", ["id-2 paths=/foo created=10 id=2", "id-1 paths=/foo created=10 id=1"], "GET example.com /foo", "id-1" },
        { "lower id on a full tie without paths", ["id-9 hosts=example.com id=9", "id-3 hosts=example.com id=3"], "GET example.com /", "id-3" },
        // A higher-priority route that fails a field gives way.
        { "higher route failing a field gives way", ["low paths=/", "high paths=/api methods=POST"], "GET example.com /api", "low" },
        { "exact host route failing a field gives way to wildcard", ["wild hosts=*.example.com", "exact hosts=api.example.com methods=POST"], "GET api.example.com /", "wild" },
    };

    /// <summary>What each field matches; null means no route matches.</summary>
    public static TheoryData<string, string[], string, string?> MatchingRules => new()
    {
        // Methods: exact.
        { "method listed", ["get methods=GET"], "GET example.com /", "get" },
        { "method not listed", ["get methods=GET"], "POST example.com /", null },
        { "any listed method", ["write methods=PUT,PATCH"], "PATCH example.com /", "write" },
        { "method compared exactly", ["get methods=GET"], "get example.com /", null },
        // Hosts: exact, case-insensitive, optionally with a port.
        { "exact host", ["h hosts=example.com"], "GET example.com /", "h" },
        { "route host in another case", ["h hosts=Example.COM"], "GET example.com /", "h" },
        { "other host", ["h hosts=example.com"], "GET other.com /", null },
        { "subdomain is another host", ["h hosts=example.com"], "GET sub.example.com /", null },
        { "no host in request", ["h hosts=example.com"], "GET - /", null },
        { "any listed host", ["h hosts=a.com,b.com"], "GET b.com /", "h" },
        { "host without port matches any port", ["h hosts=example.com"], "GET example.com:8443 /", "h" },
        { "host with port matches that port", ["h hosts=example.com:8080"], "GET example.com:8080 /", "h" },
        { "host with port refuses other ports", ["h hosts=example.com:8080"], "GET example.com:80 /", null },
        { "host listed with two ports", ["h hosts=example.com:8080,example.com:9090"], "GET example.com:9090 /", "h" },
        { "IPv4 host", ["ip hosts=10.0.0.1"], "GET 10.0.0.1 /", "ip" },
        { "IPv6 host with port", ["ip hosts=[::1]:8080"], "GET [::1]:8080 /", "ip" },
        // Wildcard hosts: one or more characters in place of the star.
        { "leading wildcard", ["w hosts=*.example.com"], "GET api.example.com /", "w" },
        { "leading wildcard spans labels", ["w hosts=*.example.com"], "GET a.b.example.com /", "w" },
        { "leading wildcard needs a label", ["w hosts=*.example.com"], "GET example.com /", null },
        { "leading wildcard needs the dot", ["w hosts=*.example.com"], "GET badexample.com /", null },
        { "trailing wildcard", ["w hosts=example.*"], "GET example.org /", "w" },
        { "trailing wildcard spans labels", ["w hosts=example.*"], "GET example.co.uk /", "w" },
        { "trailing wildcard needs the dot", ["w hosts=example.*"], "GET myexample.org /", null },
        { "trailing wildcard needs a label", ["w hosts=example.*"], "GET example /", null },
        { "wildcard with port", ["w hosts=*.example.com:8443"], "GET api.example.com:8443 /", "w" },
        { "wildcard with port refuses other ports", ["w hosts=*.example.com:8443"], "GET api.example.com:443 /", null },
        { "wildcard route host in another case", ["w hosts=*.Example.com"], "GET api.example.com /", "w" },
        // Headers: names ANDed, values of one name ORed, case-insensitive; ~* is a regex.
        { "header value", ["h h:x-version=v1"], "GET example.com / x-version=v1", "h" },
        { "header name and value in another case", ["h h:X-Version=V1"], "GET example.com / x-version=v1", "h" },
        { "any value of one header", ["h h:x-version=v1 h:x-version=v2"], "GET example.com / x-version=v2", "h" },
        { "no listed value", ["h h:x-version=v1 h:x-version=v2"], "GET example.com / x-version=v3", null },
        { "all header names required", ["h h:x-a=1 h:x-b=2"], "GET example.com / x-a=1", null },
        { "all header names present", ["h h:x-a=1 h:x-b=2"], "GET example.com / x-a=1 x-b=2", "h" },
        { "any received value of the header", ["h h:x-a=1"], "GET example.com / x-a=0 x-a=1", "h" },
        { "header missing", ["h h:x-a=1"], "GET example.com /", null },
        { "plain value is not a pattern", ["h h:x-a=1.0"], "GET example.com / x-a=1x0", null },
        { "regex header value, case-insensitive", ["ua h:user-agent=~*(windows|linux)"], "GET example.com / user-agent=Mozilla/5.0(Windows_NT_10.0)", "ua" },
        { "regex header value not matching", ["ua h:user-agent=~*^curl/"], "GET example.com / user-agent=Wget/1.0", null },
        { "regex and plain values ORed", ["ua h:user-agent=~*^curl/ h:user-agent=exact"], "GET example.com / user-agent=EXACT", "ua" },
        // Paths: plain ones are string prefixes, regex ones are anchored at the start.
        { "plain path equal", ["p paths=/foo"], "GET example.com /foo", "p" },
        { "plain path is a string prefix", ["p paths=/foo"], "GET example.com /foobar", "p" },
        { "plain path below", ["p paths=/foo"], "GET example.com /foo/bar", "p" },
        { "plain path longer than request", ["p paths=/foo"], "GET example.com /fo", null },
        { "plain path not at the start", ["p paths=/foo"], "GET example.com /bar/foo", null },
        { "plain path case-sensitive", ["p paths=/foo"], "GET example.com /FOO", null },
        { "plain path trailing slash required", ["p paths=/foo/"], "GET example.com /foo", null },
        { "any listed path", ["p paths=/a,/b"], "GET example.com /b/x", "p" },
        { "plain route path normalised like requests", ["p paths=/%7Euser"], "GET example.com /~user/x", "p" },
        { "regex path", [@"r paths=~/users/\d+$"], "GET example.com /users/42", "r" },
        { "regex path end anchor", [@"r paths=~/users/\d+$"], "GET example.com /users/42/x", null },
        { "regex path anchored at the start", [@"r paths=~/v\d+/users"], "GET example.com /api/v1/users", null },
        { "regex path as prefix", [@"r paths=~/v\d+/users"], "GET example.com /v2/users/7", "r" },
        { "regex alternation stays anchored", ["r paths=~/a|/b"], "GET example.com /xb", null },
        { "regex alternation", ["r paths=~/a|/b"], "GET example.com /b", "r" },
        { "regex inline options", ["r paths=~(?i)/FOO"], "GET example.com /foo", "r" },
        { "no paths matches any path", ["h hosts=example.com"], "GET example.com /any/path/at/all", "h" },
        // SNIs.
        { "sni", ["s snis=example.com"], "GET example.com / sni=example.com", "s" },
        { "sni missing", ["s snis=example.com"], "GET example.com /", null },
        { "other sni", ["s snis=example.com"], "GET example.com / sni=other.com", null },
        { "sni in another case", ["s snis=example.com"], "GET example.com / sni=EXAMPLE.com", "s" },
        { "wildcard sni", ["s snis=*.example.com"], "GET example.com / sni=api.example.com", "s" },
        { "sni with final dot", ["s snis=example.com."], "GET example.com / sni=example.com", "s" },
        // Protocols are the proxy's business (426), not the router's.
        { "protocols not checked", ["https-only paths=/ protocols=https"], "GET example.com /", "https-only" },
        // Every field a route sets must match.
        { "all fields match", ["all hosts=example.com paths=/api methods=GET h:x-a=1 snis=example.com"], "GET example.com /api x-a=1 sni=example.com", "all" },
        { "all but host", ["all hosts=example.com paths=/api methods=GET h:x-a=1 snis=example.com"], "GET other.com /api x-a=1 sni=example.com", null },
        { "all but path", ["all hosts=example.com paths=/api methods=GET h:x-a=1 snis=example.com"], "GET example.com /web x-a=1 sni=example.com", null },
        { "all but method", ["all hosts=example.com paths=/api methods=GET h:x-a=1 snis=example.com"], "POST example.com /api x-a=1 sni=example.com", null },
        { "all but header", ["all hosts=example.com paths=/api methods=GET h:x-a=1 snis=example.com"], "GET example.com /api x-a=2 sni=example.com", null },
        { "all but sni", ["all hosts=example.com paths=/api methods=GET h:x-a=1 snis=example.com"], "GET example.com /api x-a=1 sni=other.com", null },
        { "any host with any path", ["hp hosts=a.com,b.com paths=/x,/y"], "GET b.com /y/1", "hp" },
        { "listed host with unlisted path", ["hp hosts=a.com,b.com paths=/x,/y"], "GET a.com /z", null },
        { "no route", [], "GET example.com /", null },
    };

    [Theory]
    [MemberData(nameof(PriorityRules))]
    public void Match_PriorityRule_PicksSameRouteInEitherInsertionOrder(string rule, string[] routes, string request, string expected)
    {
        string[] reversed = [.. routes.Reverse()];
        Assert.True(expected == MatchedName(routes, request), rule + " (given order)");
        Assert.True(expected == MatchedName(reversed, request), rule + " (reversed order)");
    }

    [Theory]
    [MemberData(nameof(MatchingRules))]
    public void Match_MatchingRule_MatchesOnlyWhenEverySetFieldMatches(string rule, string[] routes, string request, string? expected) =>
        Assert.True(expected == MatchedName(routes, request), rule + ": expected " + (expected ?? "no match") + ", got " + (MatchedName(routes, request) ?? "no match"));

    [Theory]
    [InlineData("p paths=/foo", "/foobar", 4)]
    [InlineData("p paths=/a,/a/b", "/a/b/c", 4)]
    [InlineData("p hosts=example.com", "/anything", 0)]
    [InlineData(@"p paths=~/users/\d+", "/users/42/profile", 9)]
    public void Match_MatchedLength_IsWhatThePathMatched(string route, string path, int expected)
    {
        var table = RouteTable.Build([RouteShorthand.Parse(route, 1)]);
        var match = table.Match(RequestShorthand.Parse("GET example.com " + path));
        Assert.Equal(expected, match?.MatchedLength);
    }

    [Fact]
    public void Match_RegexPath_ExposesNamedCaptures()
    {
        var table = RouteTable.Build([RouteShorthand.Parse(@"users paths=~/users/(?<id>\d+)/(?<section>[a-z]+)", 1)]);
        var match = table.Match(RequestShorthand.Parse("GET example.com /users/42/orders/7"));
        Assert.NotNull(match);
        Assert.Equal("42", match.Value.RegexMatch!.Groups["id"].Value);
        Assert.Equal("orders", match.Value.RegexMatch.Groups["section"].Value);
        Assert.Equal("/users/42/orders".Length, match.Value.MatchedLength);
    }

    [Fact]
    public void Match_PlainPath_HasNoRegexMatch()
    {
        var table = RouteTable.Build([RouteShorthand.Parse("p paths=/foo", 1)]);
        var match = table.Match(RequestShorthand.Parse("GET example.com /foo"));
        Assert.NotNull(match);
        Assert.Equal("p", match.Value.Route.Name);
        Assert.Null(match.Value.RegexMatch);
    }

    [Fact]
    public void Match_MorePrefixesOnThePathThanTheStackBuffer_StillPicksTheLongest()
    {
        var routes = Enumerable.Range(1, 40).Select(n => "p" + n + " paths=/" + new string('a', n)).ToArray();
        Assert.Equal("p40", MatchedName(routes, "GET example.com /" + new string('a', 45)));
        Assert.Equal("p17", MatchedName(routes, "GET example.com /" + new string('a', 17) + "b"));
    }

    [Fact]
    public void Match_PlainPathRoute_AllocatesNothing()
    {
        var table = RouteTable.Build(RouteShorthand.ParseAll(
        [
            "api hosts=example.com paths=/api methods=GET h:x-env=prod",
            "wild hosts=*.example.com paths=/",
            "regex paths=~/never/(?<x>.+)",
            "fallback paths=/",
        ]));
        var request = RequestShorthand.Parse("GET example.com /api/users/42 x-env=prod");
        Assert.Equal("api", table.Match(request)?.Route.Name);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = table.Match(request);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Match_ManyNestedPlainPrefixes_ComparesWithoutAllocating()
    {
        // Several candidates on the path are ordered by comparison; comparing must not box.
        var table = RouteTable.Build(RouteShorthand.ParseAll(
        [
            "a paths=/r",
            "b paths=/ro",
            "c paths=/rou",
            "d paths=/rout",
            "e paths=/route",
            "regex paths=~/never/(?<x>.+)",
        ]));
        var request = RequestShorthand.Parse("GET example.com /route/x");
        Assert.Equal("e", table.Match(request)?.Route.Name);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = table.Match(request);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Match_EmptyTable_MatchesNothing() =>
        Assert.Null(RouteTable.Empty.Match(RequestShorthand.Parse("GET example.com /")));

    private static string? MatchedName(string[] routes, string request) =>
        RouteTable.Build(RouteShorthand.ParseAll(routes)).Match(RequestShorthand.Parse(request))?.Route.Name;
}
