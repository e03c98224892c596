using System.Globalization;
using System.Net;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>hgw history, diff and rollback against versions written through REST.</summary>
[Collection(ProcessCollection.Name)]
public sealed class CliHistoryTests
{
    [Fact]
    public async Task History_Diff_AndRollback_ShowAndRestoreWhatRestWrote()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var hgw = workspace.Hgw;
        var first = await hybrid.AddEchoRouteAsync("first", "/first");
        var second = await hybrid.AddEchoRouteAsync("second", "/second");

        var history = await hgw.RunAsync("history", "--size", "5");
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.StartsWith("VERSION", history.Stdout);
        Assert.Contains("token:bootstrap", history.Stdout);
        Assert.Contains(second.ToString(CultureInfo.InvariantCulture), history.Stdout);

        var json = await hgw.RunAsync("history", "--size", "5", "--output", "json");
        Assert.Equal(second, CliJson.Long(json.Json["data"]![0]!["version"]));
        Assert.Equal("routes", json.Json["data"]![0]!["changes"]![0]!["kind"]!.GetValue<string>());

        var diff = await hgw.RunAsync("diff", Text(first), Text(second), "--output", "json");
        Assert.True(diff.ExitCode == 0, diff.ToString());
        var names = diff.Json["changes"]!.AsArray().Select(c => (c!["op"]!.GetValue<string>(), c["kind"]!.GetValue<string>(), c["name"]!.GetValue<string>())).ToList();
        Assert.Contains(("create", "services", "second"), names);
        Assert.Contains(("create", "routes", "second"), names);
        var diffText = await hgw.RunAsync("diff", Text(first), Text(second));
        Assert.Contains("2 changes from version " + Text(first), diffText.Stdout);

        var unconfirmed = await hgw.RunAsync("rollback", Text(first));
        Assert.True(unconfirmed.ExitCode == 2, unconfirmed.ToString());
        Assert.Equal(second, await hybrid.Admin.ConfigVersionAsync());

        var rollback = await hgw.RunAsync("rollback", Text(first), "--yes", "--output", "json");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(first, CliJson.Long(rollback.Json["rollback"]!["restored_version"]));
        Assert.Equal(second + 1, CliJson.Long(rollback.Json["rollback"]!["version"]));
        Assert.Equal(HttpStatusCode.NotFound, (await hybrid.Admin.GetJson("/services/second")).Status);
        Assert.Equal(HttpStatusCode.OK, (await hybrid.Admin.GetJson("/services/first")).Status);

        var missing = await hgw.RunAsync("diff", Text(first), "999");
        Assert.True(missing.ExitCode == 1, missing.ToString());
    }

    private static string Text(long version) => version.ToString(CultureInfo.InvariantCulture);
}
