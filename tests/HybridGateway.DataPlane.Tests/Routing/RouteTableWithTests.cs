using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Routing;

namespace HybridGateway.DataPlane.Tests.Routing;

/// <summary><see cref="RouteTable.With"/> returns a new table and leaves the old one exactly as it was.</summary>
public sealed class RouteTableWithTests
{
    [Fact]
    public void With_AddedRoute_MatchesInNewTableOnly()
    {
        var before = Table("a paths=/a");
        var after = before.With([Route("b paths=/b", 2)], []);

        Assert.Equal("b", Name(after, "/b"));
        Assert.Equal("a", Name(after, "/a"));
        Assert.Null(Name(before, "/b"));
        Assert.Equal((1, 2), (before.Count, after.Count));
    }

    [Fact]
    public void With_RouteChangingPath_NoLongerMatchesOldPath()
    {
        var before = Table("r paths=/old");
        var after = before.With([Route("r paths=/new", 1)], []);

        Assert.Null(Name(after, "/old"));
        Assert.Equal("r", Name(after, "/new"));
        Assert.Equal("r", Name(before, "/old"));
        Assert.Null(Name(before, "/new"));
        Assert.Equal(1, after.Count);
    }

    [Theory]
    [InlineData("r hosts=a.com paths=/x", "r hosts=b.com paths=/x", "GET a.com /x", "GET b.com /x")]
    [InlineData("r hosts=*.a.com paths=/x", "r hosts=*.b.com", "GET w.a.com /x", "GET w.b.com /y")]
    [InlineData("r paths=~/old", "r hosts=b.com paths=~/new", "GET a.com /old", "GET b.com /new")]
    [InlineData("r hosts=a.com", "r methods=POST", "GET a.com /", "POST z.com /")]
    [InlineData("r paths=/a,/b hosts=a.com,*.a.com", "r paths=/c", "GET x.a.com /b", "GET z.com /c")]
    public void With_ReplacedRoute_LeavesNothingOfItsOldVersion(string old, string replacement, string oldRequest, string newRequest)
    {
        var before = RouteTable.Build([Route(old, 1), Route("other paths=/elsewhere", 2)]);
        var after = before.With([Route(replacement, 1)], []);

        Assert.Null(after.Match(RequestShorthand.Parse(oldRequest)));
        Assert.Equal("r", after.Match(RequestShorthand.Parse(newRequest))?.Route.Name);
        Assert.Equal("r", before.Match(RequestShorthand.Parse(oldRequest))?.Route.Name);
        Assert.Equal("other", Name(after, "/elsewhere"));
    }

    [Fact]
    public void With_ReplacedRouteKeepingPath_MatchesTheNewVersion()
    {
        var before = Table("r paths=/x methods=GET");
        var after = before.With([Route("r paths=/x methods=POST", 1)], []);

        Assert.Null(after.Match(RequestShorthand.Parse("GET example.com /x")));
        Assert.Equal("r", after.Match(RequestShorthand.Parse("POST example.com /x"))?.Route.Name);
        Assert.Equal("r", before.Match(RequestShorthand.Parse("GET example.com /x"))?.Route.Name);
    }

    [Fact]
    public void With_RemovedRoute_NoLongerMatches_OldTableUnchanged()
    {
        var before = Table("a paths=/a", "b paths=/a/b", "c hosts=c.com");
        var after = before.With([], [RouteShorthand.IdOf(2), RouteShorthand.IdOf(3)]);

        Assert.Equal("a", Name(after, "/a/b"));
        Assert.Null(after.Match(RequestShorthand.Parse("GET c.com /z")));
        Assert.Equal("b", Name(before, "/a/b"));
        Assert.Equal("c", before.Match(RequestShorthand.Parse("GET c.com /z"))?.Route.Name);
        Assert.Equal((3, 1), (before.Count, after.Count));
    }

    [Fact]
    public void With_RemovingEveryRoute_MatchesNothing()
    {
        var before = Table("a paths=/a", "b paths=~/b", "c hosts=*.c.com");
        var after = before.With([], [RouteShorthand.IdOf(1), RouteShorthand.IdOf(2), RouteShorthand.IdOf(3)]);

        Assert.Equal(0, after.Count);
        Assert.Null(Name(after, "/a"));
        Assert.Null(Name(after, "/b"));
        Assert.Null(after.Match(RequestShorthand.Parse("GET x.c.com /")));
    }

    [Fact]
    public void With_UnknownRemoval_ChangesNothing()
    {
        var before = Table("a paths=/a");
        var after = before.With([], [Guid.NewGuid()]);

        Assert.Equal("a", Name(after, "/a"));
        Assert.Equal(1, after.Count);
    }

    [Fact]
    public void With_SameIdRemovedAndUpserted_RemovalsApplyFirst()
    {
        var after = Table("a paths=/a").With([Route("a paths=/b", 1)], [RouteShorthand.IdOf(1)]);

        Assert.Equal("a", Name(after, "/b"));
        Assert.Null(Name(after, "/a"));
    }

    [Fact]
    public void With_InvalidRoute_ThrowsNamingIt_AndAppliesNothing()
    {
        var before = Table("a paths=/a");
        var error = Assert.Throws<ArgumentException>(() =>
            before.With([Route("b paths=/b", 2), Route("broken paths=~(unclosed", 3)], [RouteShorthand.IdOf(1)]));

        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
        Assert.Equal("a", Name(before, "/a"));
        Assert.Null(Name(before, "/b"));
    }

    [Fact]
    public void Build_RouteWithNothingToMatch_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => RouteTable.Build([new Route { Name = "empty", Id = RouteShorthand.IdOf(1) }]));
        Assert.Contains("'empty'", error.Message, StringComparison.Ordinal);
        Assert.Contains("none of methods, hosts, headers, paths, snis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DuplicateIds_LastOneWins()
    {
        var table = RouteTable.Build([Route("first paths=/a", 1), Route("second paths=/b", 1)]);

        Assert.Equal(1, table.Count);
        Assert.Null(Name(table, "/a"));
        Assert.Equal("second", Name(table, "/b"));
    }

    /// <summary>Random edits through <see cref="RouteTable.With"/> must give the same answers as building the
    /// final set from scratch, and every intermediate table must keep its own answers.</summary>
    [Fact]
    public void With_ManyRandomEdits_AgreesWithFreshBuild_AndOlderTablesKeepTheirAnswers()
    {
        var random = new Random(20240611);
        string[] hosts = ["a.com", "b.com", "*.a.com", "a.*", "a.com:8080"];
        string[] paths = ["/", "/x", "/x/y", "/xy", "/x/y/z", "~/x", "~/x/[a-z]+$", "/q"];
        string[] requests = [.. from host in new[] { "a.com", "b.com", "w.a.com", "a.org", "a.com:8080", "z.com" }
                                from path in new[] { "/", "/x", "/x/y", "/xy/1", "/x/y/z/1", "/x/k", "/q", "/r" }
                                from method in new[] { "GET", "POST" }
                                select method + " " + host + " " + path];
        var live = new Dictionary<int, Route>();
        var table = RouteTable.Empty;
        var snapshots = new List<(RouteTable Table, string?[] Answers)>();

        for (var step = 0; step < 60; step++)
        {
            var upserts = new List<Route>();
            var removals = new List<Guid>();
            for (var edit = 0; edit < 8; edit++)
            {
                var number = random.Next(1, 40);
                if (random.Next(4) == 0)
                {
                    live.Remove(number);
                    upserts.RemoveAll(route => route.Id == RouteShorthand.IdOf(number));
                    removals.Add(RouteShorthand.IdOf(number));
                    continue;
                }
                var spec = "r" + number + " created=" + random.Next(3)
                    + (random.Next(2) == 0 ? " hosts=" + Pick(random, hosts) + "," + Pick(random, hosts) : "")
                    + (random.Next(4) > 0 ? " paths=" + Pick(random, paths) + "," + Pick(random, paths) : "")
                    + (random.Next(3) == 0 ? " methods=POST" : " rp=" + random.Next(3));
                if (!spec.Contains("hosts", StringComparison.Ordinal) && !spec.Contains("paths", StringComparison.Ordinal))
                {
                    spec += " paths=/";
                }
                var route = Route(spec, number);
                upserts.RemoveAll(existing => existing.Id == route.Id);
                upserts.Add(route);
                live[number] = route;
            }
            table = table.With(upserts, removals);
            var answers = Answers(table, requests);
            Assert.Equal(Answers(RouteTable.Build(live.Values), requests), answers);
            snapshots.Add((table, answers));
        }

        Assert.Equal(live.Count, table.Count);
        foreach (var (snapshot, answers) in snapshots)
        {
            Assert.Equal(answers, Answers(snapshot, requests));
        }
    }

    private static string?[] Answers(RouteTable table, string[] requests) =>
        [.. requests.Select(request => table.Match(RequestShorthand.Parse(request)) is { } match
            ? match.Route.Name + "@" + match.MatchedLength
            : null)];

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static RouteTable Table(params string[] specs) => RouteTable.Build(RouteShorthand.ParseAll(specs));

    private static Route Route(string spec, int id) => RouteShorthand.Parse(spec, id);

    private static string? Name(RouteTable table, string path) =>
        table.Match(RequestShorthand.Parse("GET example.com " + path))?.Route.Name;
}
