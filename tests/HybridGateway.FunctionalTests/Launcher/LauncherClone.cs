using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Launcher;

/// <summary>
/// A copy of the repository's files (tracked and new, as they are in the working tree) in a folder
/// of the test's choosing, with its own ports, run through ./gateway.sh as a user would.
/// </summary>
public sealed partial class LauncherClone : IAsyncDisposable
{
    private readonly string _tempRoot;
    private readonly Dictionary<string, string> _ports;

    private LauncherClone(string tempRoot, string directory, Dictionary<string, string> ports)
    {
        _tempRoot = tempRoot;
        Directory = directory;
        _ports = ports;
    }

    public string Directory { get; }

    public string Log { get; private set; } = "";

    /// <summary>Copies the repository to where(tempRoot); mode, if given, is set on the first folder under tempRoot.</summary>
    public static async Task<LauncherClone> CreateAsync(Func<string, string> where, UnixFileMode? mode)
    {
        var tempRoot = System.IO.Directory.CreateTempSubdirectory("hgw-launcher-").FullName;
        var directory = where(tempRoot);
        System.IO.Directory.CreateDirectory(directory);
        if (mode is { } m && directory != tempRoot && !OperatingSystem.IsWindows())
        {
            var first = Path.Combine(tempRoot, Path.GetRelativePath(tempRoot, directory).Split('/')[0]);
            File.SetUnixFileMode(first, m);
            File.SetUnixFileMode(tempRoot, m);
        }
        var copy = await RunProcessAsync("bash", ["-c", "git -C \"$1\" ls-files -z -c -o --exclude-standard | (cd \"$1\" && tar --null -T - -cf -) | tar -xf - -C \"$2\"", "copy", RepoPaths.Root, directory], RepoPaths.Root, null);
        Assert.True(copy.ExitCode == 0, "copying the repository failed:\n" + copy.Output);
        var ports = new Dictionary<string, string>
        {
            ["HGW_ADMIN_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["HGW_CLUSTER_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["HGW_PROXY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["HGW_PROXY_SSL_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["HGW_STATUS_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["HGW_DEMO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["HGW_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["HGW_ADMIN_GRPC_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        };
        return new LauncherClone(tempRoot, directory, ports);
    }

    public async Task<(int ExitCode, string Output)> RunAsync(string command)
    {
        var result = await RunProcessAsync(Path.Combine(Directory, "gateway.sh"), [command], Directory, _ports);
        Log += "$ ./gateway.sh " + command + "\n" + result.Output + "\n";
        return result;
    }

    /// <summary>What ./gateway.sh status says runs: name to pid.</summary>
    public async Task<Dictionary<string, int>> RunningPidsAsync()
    {
        var status = await RunAsync("status");
        var pids = new Dictionary<string, int>();
        foreach (Match m in RunningLine().Matches(status.Output))
        {
            pids[m.Groups["name"].Value] = int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture);
        }
        return pids;
    }

    public async Task DownTwiceAndAssertNothingRunsAsync(IEnumerable<int> pids)
    {
        var down = await RunAsync("down");
        Assert.True(down.ExitCode == 0, Log);
        var twice = await RunAsync("down");
        Assert.True(twice.ExitCode == 0, Log);
        foreach (var pid in pids)
        {
            Assert.False(IsAlive(pid), "pid " + pid + " still runs after down\n" + Log);
        }
        Assert.Empty(await RunningPidsAsync());
    }

    /// <summary>Alive and not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever happened, stop what this copy started and delete its files (PostgreSQL's included, wherever they went).
        await RunAsync("purge");
        try
        {
            System.IO.Directory.Delete(_tempRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string file, string[] args, string workingDirectory, IDictionary<string, string>? environment)
    {
        // Output goes to a file, not a pipe: a build server the command leaves behind would hold a pipe open.
        var outputFile = Path.GetTempFileName();
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" >\"$HGW_LAUNCHER_OUTPUT\" 2>&1 </dev/null");
        info.ArgumentList.Add(file);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var key in info.Environment.Keys.ToList())
        {
            // A clean user's environment: none of the test run's own settings, and no MSBuild state from 'dotnet test'.
            if (key.StartsWith("HGW_", StringComparison.Ordinal) || key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.Ordinal))
            {
                info.Environment.Remove(key);
            }
        }
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";
        info.Environment["HGW_LAUNCHER_OUTPUT"] = outputFile;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        var output = await File.ReadAllTextAsync(outputFile);
        File.Delete(outputFile);
        return (process.ExitCode, output);
    }

    [GeneratedRegex(@"^(?<name>[a-z-]+|postgresql): running \(pid (?<pid>\d+)", RegexOptions.Multiline)]
    private static partial Regex RunningLine();
}
