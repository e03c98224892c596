using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>hgw login and the exit codes for a refused token or an address nobody answers on.</summary>
[Collection(ProcessCollection.Name)]
public sealed class CliLoginTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Login_SavesTheConfigFileWithMode0600_NeverPrintsTheToken_AndLaterCommandsUseIt()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid, token: null);
        var hgw = workspace.Hgw.With("HGW_ADDRESS", null);

        var login = await hgw.RunAsync("login", "--address", workspace.Hgw.Address, "--token", ControlPlaneHost.Token);

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.DoesNotContain(ControlPlaneHost.Token, login.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(workspace.Hgw.ConfigFile));
        var saved = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(workspace.Hgw.ConfigFile))!;
        Assert.Equal(workspace.Hgw.Address, saved["address"]!.GetValue<string>());
        Assert.Equal(ControlPlaneHost.Token, saved["token"]!.GetValue<string>());

        var history = await hgw.RunAsync("history", "--output", "json");
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.NotNull(history.Json["data"]);
        Assert.DoesNotContain(ControlPlaneHost.Token, history.Output);
    }

    [Fact]
    public async Task ARefusedToken_EndsWithThree_AndLoginSavesNothing()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid, token: "not-a-real-token-0123456789");

        var history = await workspace.Hgw.RunAsync("history");
        Assert.True(history.ExitCode == 3, history.ToString());
        Assert.Contains("UNAUTHENTICATED", history.Stderr);

        var login = await workspace.Hgw.RunAsync("login");
        Assert.True(login.ExitCode == 3, login.ToString());
        Assert.False(File.Exists(workspace.Hgw.ConfigFile));
    }

    [Fact]
    public async Task NobodyAnswering_EndsWithThree_AndBadUsageWithTwo()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var nowhere = workspace.Hgw.With("HGW_ADDRESS", "http://127.0.0.1:" + FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var unreachable = await nowhere.RunAsync("nodes");
        Assert.True(unreachable.ExitCode == 3, unreachable.ToString());
        Assert.Contains("UNAVAILABLE", unreachable.Stderr);

        var rest = await workspace.Hgw.With("HGW_ADDRESS", "http://127.0.0.1:" + hybrid.ControlPlane.AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture)).RunAsync("history");
        Assert.True(rest.ExitCode == 3, rest.ToString());

        var usage = await workspace.Hgw.RunAsync("history", "--size", "many");
        Assert.True(usage.ExitCode == 2, usage.ToString());
        var unknown = await workspace.Hgw.RunAsync("tokens", "create", "x", "--role", "root");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
    }
}
