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
}
