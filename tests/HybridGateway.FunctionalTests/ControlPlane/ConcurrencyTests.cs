using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.ControlPlane;

public sealed class ConcurrencyTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    [Fact]
    public async Task TwoWrites_OnTheSameVersion_OneWinsAndTheOtherGets409WithTheCurrentVersion()
    {
        await fixture.Admin.PostJson("/services", new { name = "race", host = "example.com" });
        var version = await fixture.Admin.ConfigVersionAsync();

        Task<AdminClientExtensions.Reply> Patch(int retries) => fixture.Admin.Send(HttpMethod.Patch, "/services/race",
            System.Net.Http.Json.JsonContent.Create(new { retries }), r => r.Headers.IfMatch.ParseAdd("\"" + version + "\""));
        var replies = await Task.WhenAll(Patch(1), Patch(2));

        Assert.Single(replies, r => r.Status == HttpStatusCode.OK);
        var conflict = Assert.Single(replies, r => r.Status == HttpStatusCode.Conflict);
        Assert.Equal(version + 1, conflict.Object["current_version"]!.GetValue<long>());
        Assert.Equal(version + 1, await fixture.Admin.ConfigVersionAsync());
    }

    [Fact]
    public async Task Write_WithStaleIfMatch_Is409AndWritesNothing()
    {
        var version = await fixture.Admin.ConfigVersionAsync();
        await fixture.Admin.PostJson("/consumers", new { username = "moves-version" });
        var stale = await fixture.Admin.Send(HttpMethod.Post, "/consumers",
            System.Net.Http.Json.JsonContent.Create(new { username = "stale-writer" }), r => r.Headers.TryAddWithoutValidation("If-Match", version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.GetJson("/consumers/stale-writer")).Status);
    }

    [Fact]
    public async Task ManyConcurrentWrites_WithoutIfMatch_AllLand_WithSequentialVersions()
    {
        var before = await fixture.Admin.ConfigVersionAsync();
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => fixture.Admin.PostJson("/consumers", new { username = "parallel-" + i })));
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Equal(before + 8, await fixture.Admin.ConfigVersionAsync());
        var versions = replies.Select(r => r.ConfigVersion!.Value).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => before + i), versions);
    }

    [Fact]
    public async Task IfMatch_ThatIsNotANumber_Is400()
    {
        var reply = await fixture.Admin.Send(HttpMethod.Post, "/consumers",
            System.Net.Http.Json.JsonContent.Create(new { username = "bad-if-match" }), r => r.Headers.TryAddWithoutValidation("If-Match", "abc"));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }
}
