using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.ControlPlane;

public sealed class PagingTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        // xunit runs this before every test of the class; the data is made once.
        if ((await fixture.Admin.GetJson("/consumers/page-00")).Status == HttpStatusCode.OK)
        {
            return;
        }
        for (var i = 0; i < 25; i++)
        {
            var tags = i % 2 == 0 ? new[] { "even", "all" } : new[] { "odd", "all" };
            var reply = await fixture.Admin.PostJson("/consumers", new { username = "page-" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), tags });
            Assert.Equal(HttpStatusCode.Created, reply.Status);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task List_FollowsNextUntilTheEnd_SeeingEveryEntityOnce()
    {
        var seen = new List<string>();
        var path = "/consumers?size=10";
        var pages = 0;
        while (path is not null)
        {
            var reply = await fixture.Admin.GetJson(path);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            seen.AddRange(reply.Object["data"]!.AsArray().Select(c => c!["username"]!.GetValue<string>()));
            path = reply.Object["next"]?.GetValue<string>();
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Distinct().Count());
    }

    [Fact]
    public async Task List_DefaultSizeIs100_AndNextIsNullOnTheLastPage()
    {
        var reply = await fixture.Admin.GetJson("/consumers");
        Assert.Equal(25, reply.Object["data"]!.AsArray().Count);
        Assert.Null(reply.Object["next"]);
    }

    [Theory]
    [InlineData("tags=even", 13)]
    [InlineData("tags=odd", 12)]
    [InlineData("tags=even,odd", 0)]
    [InlineData("tags=even/odd", 25)]
    [InlineData("tags=all,odd", 12)]
    public async Task List_FiltersByTags(string query, int expected)
    {
        var reply = await fixture.Admin.GetJson("/consumers?" + query);
        Assert.Equal(expected, reply.Object["data"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("size=0")]
    [InlineData("size=1001")]
    [InlineData("size=abc")]
    [InlineData("offset=not-a-token")]
    public async Task List_WithBadPaging_Is400(string query)
    {
        var reply = await fixture.Admin.GetJson("/consumers?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.False(string.IsNullOrEmpty(reply.Object["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task History_IsPagedNewestFirst()
    {
        var first = await fixture.Admin.GetJson("/config/history?size=10");
        var versions = first.Object["data"]!.AsArray().Select(e => e!["version"]!.GetValue<long>()).ToArray();
        Assert.Equal(versions.OrderByDescending(v => v), versions);
        var next = await fixture.Admin.GetJson(first.Object["next"]!.GetValue<string>());
        Assert.Equal(versions[^1] - 1, next.Object["data"]![0]!["version"]!.GetValue<long>());
    }
}
