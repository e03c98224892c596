using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;
using Xunit.Abstractions;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>hgw's output as a terminal shows it (under a pseudo-terminal), and the same command piped: no escape codes.</summary>
[Collection(ProcessCollection.Name)]
public sealed class CliTerminalTests(ITestOutputHelper output)
{
    [Fact]
    public async Task History_OnATerminal_IsATable_AndPiped_HasNoEscapeCodes()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        await hybrid.AddEchoRouteAsync("shown", "/shown");

        var terminal = await workspace.Hgw.RunInTerminalAsync("history");
        output.WriteLine(terminal.Stdout);
        Assert.True(terminal.ExitCode == 0, terminal.ToString());
        Assert.Contains("│", terminal.Stdout);
        Assert.Contains("─", terminal.Stdout);
        Assert.Contains("version", terminal.Stdout);
        Assert.Contains("actor", terminal.Stdout);
        Assert.Contains("token:bootstrap", terminal.Stdout);
        Assert.Contains("\u001b[", terminal.Stdout);

        var piped = await workspace.Hgw.RunAsync("history");
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.DoesNotContain("\u001b", piped.Output);
        Assert.DoesNotContain("│", piped.Stdout);
        Assert.StartsWith("VERSION", piped.Stdout);
        Assert.Contains("token:bootstrap", piped.Stdout);

        var noColor = await workspace.Hgw.With("NO_COLOR", "1").RunInTerminalAsync("nodes");
        output.WriteLine(noColor.Stdout);
        Assert.True(noColor.ExitCode == 0, noColor.ToString());
        Assert.Contains("│", noColor.Stdout);
        Assert.DoesNotContain("\u001b[3", noColor.Stdout);
    }

    [Fact]
    public async Task Apply_OnATerminal_AsksFirst_NoWritesNothing_YesApplies()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var file = workspace.Write("kong.yaml", "_format_version: \"3.0\"\nconsumers:\n- username: alice\n- username: bob\n");
        var before = await hybrid.Admin.ConfigVersionAsync();

        var declined = await workspace.Hgw.RunInTerminalTypingAsync("n\n", "apply", file);
        output.WriteLine(declined.Stdout);
        Assert.True(declined.ExitCode == 4, declined.ToString());
        Assert.Contains("Apply 2 changes to version " + before.ToString(System.Globalization.CultureInfo.InvariantCulture) + "? [y/N]", declined.Stdout);
        Assert.Contains("alice", declined.Stdout);
        Assert.Equal(before, await hybrid.Admin.ConfigVersionAsync());

        var accepted = await workspace.Hgw.RunInTerminalTypingAsync("y\n", "apply", file);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("Applied: version " + (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), accepted.Stdout);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await hybrid.Admin.GetJson("/consumers/bob")).Status);
    }

    [Fact]
    public async Task Apply_OfALargeFile_OnATerminal_AppliesUnderItsSpinner_AndPipedShowsNoSpinner()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var document = new System.Text.StringBuilder("_format_version: \"3.0\"\nconsumers:\n");
        for (var i = 0; document.Length < 100 * 1024; i++)
        {
            document.Append("- username: consumer-").Append(i).Append("\n  custom_id: \"").Append(i).Append("\"\n  tags: [load, spinner]\n");
        }
        var file = workspace.Write("large.yaml", document.ToString());

        // The spinner's frames depend on how long the call takes, so only its absence when piped is asserted.
        var terminal = await workspace.Hgw.RunInTerminalAsync("apply", file, "--yes");
        Assert.True(terminal.ExitCode == 0, terminal.ToString());
        Assert.Contains("Applied: version", terminal.Stdout);

        var piped = await workspace.Hgw.RunAsync("apply", file, "--dry-run");
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Contains("0 changes", piped.Stdout);
        Assert.DoesNotContain("\u001b", piped.Output);
        Assert.DoesNotContain("Checking", piped.Output);
    }
}
