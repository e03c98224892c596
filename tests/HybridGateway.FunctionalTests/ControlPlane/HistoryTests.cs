using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.ControlPlane;

/// <summary>History, diff, time travel and rollback, all from the event log.</summary>
public sealed class HistoryTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task EveryWrite_IsOneVersion_WithActorReasonAndWhatChanged()
    {
        var before = await Admin.ConfigVersionAsync();
        var reply = await Admin.Send(HttpMethod.Post, "/services",
            System.Net.Http.Json.JsonContent.Create(new { name = "history-svc", host = "example.com" }),
            r => r.Headers.Add("X-Change-Reason", "ticket OPS-42: new backend"));
        Assert.Equal(before + 1, reply.ConfigVersion);

        var history = await Admin.GetJson("/config/history?size=1");
        var entry = history.Object["data"]![0]!;
        Assert.Equal(before + 1, entry["version"]!.GetValue<long>());
        Assert.Equal("ticket OPS-42: new backend", entry["reason"]!.GetValue<string>());
        Assert.Equal("POST /services", entry["operation"]!.GetValue<string>());
        Assert.Equal("create", entry["changes"]![0]!["op"]!.GetValue<string>());
        Assert.Equal("history-svc", entry["changes"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task TimeTravel_Diff_AndRollback_RoundTrip()
    {
        await Admin.PostJson("/services", new { name = "travel", host = "v1.example.com" });
        var v1 = await Admin.ConfigVersionAsync();
        var v1Config = await Admin.GetJson("/config?format=json");
        await Admin.PatchJson("/services/travel", new { host = "v2.example.com" });
        await Admin.PostJson("/services/travel/routes", new { name = "travel-route", paths = new[] { "/t" } });
        var v3 = await Admin.ConfigVersionAsync();

        var past = await Admin.GetJson("/config?format=json&version=" + v1);
        Assert.Equal(v1Config.Body!.ToJsonString(), past.Body!.ToJsonString());
        Assert.Equal(v1, past.ConfigVersion);

        var diff = await Admin.GetJson("/config/diff?from=" + v1 + "&to=" + v3);
        var changes = diff.Object["changes"]!.AsArray();
        Assert.Contains(changes, c => c!["op"]!.GetValue<string>() == "update" && c["after"]!["host"]!.GetValue<string>() == "v2.example.com"
            && c["before"]!["host"]!.GetValue<string>() == "v1.example.com");
        Assert.Contains(changes, c => c!["op"]!.GetValue<string>() == "create" && c["kind"]!.GetValue<string>() == "routes");

        var rollback = await Admin.PostJson("/config/rollback", new { version = v1 });
        Assert.Equal(HttpStatusCode.Created, rollback.Status);
        var v4 = rollback.Object["version"]!.GetValue<long>();
        Assert.Equal(v3 + 1, v4);
        var now = await Admin.GetJson("/config?format=json");
        Assert.Equal(v1Config.Body!.ToJsonString(), now.Body!.ToJsonString());
        var hashV1 = (await Admin.GetJson("/config?version=" + v1)).Response.Headers.GetValues("X-Config-Hash").Single();
        Assert.Equal(hashV1, rollback.Object["hash"]!.GetValue<string>());

        var emptyDiff = await Admin.GetJson("/config/diff?from=" + v1 + "&to=" + v4);
        Assert.Empty(emptyDiff.Object["changes"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/routes/travel-route")).Status);
    }

    [Fact]
    public async Task VersionZero_IsTheEmptyConfigBeforeAnyChange()
    {
        await using var cp = await IsolatedControlPlane.StartAsync();
        await cp.Admin.PostJson("/services", new { name = "first", host = "example.com" });
        var empty = await cp.Admin.GetJson("/config?format=json&version=0");
        Assert.Equal(0, empty.ConfigVersion);
        Assert.Null(empty.Object["services"]);
        var diff = await cp.Admin.GetJson("/config/diff?from=0&to=1");
        Assert.Equal("create", Assert.Single(diff.Object["changes"]!.AsArray())!["op"]!.GetValue<string>());
        var rollback = await cp.Admin.PostJson("/config/rollback", new { version = 0 });
        Assert.Equal(HttpStatusCode.Created, rollback.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await cp.Admin.GetJson("/services/first")).Status);
    }

    [Fact]
    public async Task KeyAuthKeyInAUrl_IsNeverRecordedInTheHistory()
    {
        await Admin.PostJson("/consumers", new { username = "keyholder" });
        await Admin.PostJson("/consumers/keyholder/key-auth", new { key = "do-not-record-me" });
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/consumers/keyholder/key-auth/do-not-record-me")).Status);
        var history = (await Admin.GetJson("/config/history?size=3")).Body!.ToJsonString();
        Assert.DoesNotContain("do-not-record-me", history, StringComparison.Ordinal);
        Assert.Contains("DELETE /consumers/keyholder/key-auth/{key}", history, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/config?version=999999", HttpStatusCode.NotFound)]
    [InlineData("/config?version=-1", HttpStatusCode.BadRequest)]
    [InlineData("/config/diff?from=1", HttpStatusCode.BadRequest)]
    [InlineData("/config/diff?from=1&to=999999", HttpStatusCode.NotFound)]
    public async Task BadVersions_AreRefused(string path, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await Admin.GetJson(path)).Status);
    }

    [Fact]
    public async Task Rollback_ToAMissingVersion_Is404_AndWritesNothing()
    {
        var before = await Admin.ConfigVersionAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostJson("/config/rollback", new { version = 999999 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.PostJson("/config/rollback", new { version = "x" })).Status);
        Assert.Equal(before, await Admin.ConfigVersionAsync());
    }
}
