using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Launcher;

/// <summary>
/// The README's commands, run as a user would: the repository copied into an awkward place, then
/// ./gateway.sh up, the first curl it prints, and ./gateway.sh down, checking that nothing is left running.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed partial class LauncherTests
{
    [Fact]
    public async Task Up_FromAClonePostgresCannotEnter_ServesTheFirstCurl_SurvivesCrashesAndStopsCleanly()
    {
        // A 0700 home, as root's is on Debian; the repository is a folder inside it.
        await using var clone = await LauncherClone.CreateAsync(parent => Path.Combine(parent, "home", "hybridgateway"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var up = await clone.RunAsync("up");
        Assert.True(up.ExitCode == 0, up.Output);
        await AssertFirstCurlAnswers200Async(up.Output);
        var first = await clone.RunningPidsAsync();
        Assert.Equal(4, first.Count);

        // up while up: nothing restarts.
        var again = await clone.RunAsync("up");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("already running", again.Output, StringComparison.Ordinal);
        Assert.Equal(first, await clone.RunningPidsAsync());

        // kill -9 of every process, PostgreSQL included, then up: everything starts again.
        foreach (var pid in first.Values)
        {
            Process.GetProcessById(pid).Kill();
        }
        await Eventually.True(() => Task.FromResult(first.Values.All(pid => !LauncherClone.IsAlive(pid))), "the killed processes to be gone");
        var afterCrash = await clone.RunAsync("up");
        Assert.True(afterCrash.ExitCode == 0, afterCrash.Output);
        await AssertFirstCurlAnswers200Async(afterCrash.Output);
        var second = await clone.RunningPidsAsync();
        Assert.Equal(4, second.Count);

        await clone.DownTwiceAndAssertNothingRunsAsync(second.Values);
    }

    [Fact]
    public async Task Up_FromAMktempFolder_ServesTheFirstCurl()
    {
        await using var clone = await LauncherClone.CreateAsync(parent => parent, null);
        await UpCurlDownAsync(clone);
    }

    [Fact]
    public async Task Up_FromAPathWithSpacesAndNonAscii_ServesTheFirstCurl()
    {
        // Everyone can enter this folder, so PostgreSQL's files stay in the repository: under a path with spaces.
        await using var clone = await LauncherClone.CreateAsync(parent => Path.Combine(parent, "my projects", "passerelle ü", "hybrid gateway"),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await UpCurlDownAsync(clone);
    }

    private static async Task UpCurlDownAsync(LauncherClone clone)
    {
        var up = await clone.RunAsync("up");
        Assert.True(up.ExitCode == 0, up.Output);
        await AssertFirstCurlAnswers200Async(up.Output);
        var pids = await clone.RunningPidsAsync();
        Assert.Equal(4, pids.Count);
        await clone.DownTwiceAndAssertNothingRunsAsync(pids.Values);
    }

    /// <summary>The first curl that up prints, run once: it must work on the first try.</summary>
    private static async Task AssertFirstCurlAnswers200Async(string upOutput)
    {
        Assert.Contains("HybridGateway is up.", upOutput, StringComparison.Ordinal);
        var match = FirstCurl().Match(upOutput);
        Assert.True(match.Success, "no curl line in:\n" + upOutput);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(match.Groups["url"].Value));
        Assert.True(response.StatusCode == HttpStatusCode.OK, match.Groups["url"].Value + " answered " + (int)response.StatusCode + ":\n" + await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"^\s+curl -s (?<url>http://127\.0\.0\.1:\d+/\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex FirstCurl();
}
