using System.Diagnostics;
using System.Globalization;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>
/// The built CLI (dotnet hgw.dll) run as a real process against one control plane, with its own
/// config file (HGW_CONFIG) so nothing reads or writes the user's saved login.
/// </summary>
public sealed class Hgw
{
    private readonly Dictionary<string, string> _environment;

    public Hgw(int grpcPort, string? token, string configFile)
        : this("http://127.0.0.1:" + grpcPort.ToString(CultureInfo.InvariantCulture), configFile, [])
    {
        _environment["HGW_ADDRESS"] = Address;
        if (token is not null)
        {
            _environment["HGW_TOKEN"] = token;
        }
    }

    private Hgw(string address, string configFile, Dictionary<string, string> environment)
    {
        Address = address;
        ConfigFile = configFile;
        _environment = new Dictionary<string, string>(environment) { ["HGW_CONFIG"] = configFile };
    }

    public string Address { get; }

    public string ConfigFile { get; }

    public static string Dll => Path.Combine(RepoPaths.Root, "src", "HybridGateway.Cli", "bin", RepoPaths.Configuration, "net10.0", "hgw.dll");

    /// <summary>Another client for the same control plane with other environment variables.</summary>
    public Hgw With(string key, string? value)
    {
        var copy = new Hgw(Address, ConfigFile, _environment);
        if (value is null)
        {
            copy._environment.Remove(key);
        }
        else
        {
            copy._environment[key] = value;
        }
        return copy;
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        process.StandardInput.Close();
        return await CollectAsync(process, args);
    }

    /// <summary>A long-running hgw (watch); the caller reads its lines and kills it.</summary>
    public Process Start(params string[] args) => Process.Start(StartInfo(args))!;

    /// <summary>
    /// hgw under a pseudo-terminal (util-linux script), as an operator's terminal would show it:
    /// TERM=xterm-256color, 120 columns. Returns what the terminal received.
    /// </summary>
    public Task<CliResult> RunInTerminalAsync(params string[] args) => RunInTerminalTypingAsync(null, args);

    /// <summary>As <see cref="RunInTerminalAsync(string[])"/>, with what the operator types (e.g. "y\n").</summary>
    public async Task<CliResult> RunInTerminalTypingAsync(string? typed, params string[] args)
    {
        using var process = StartInTerminal(args);
        if (typed is not null)
        {
            await process.StandardInput.WriteAsync(typed);
        }
        process.StandardInput.Close();
        return await CollectAsync(process, args);
    }

    /// <summary>hgw under a pseudo-terminal, for a test that answers its prompt itself (and kills it by its PID if need be).</summary>
    public Process StartInTerminal(params string[] args)
    {
        var command = "stty cols 120 rows 40 2>/dev/null; exec dotnet " + Quote(Dll) + " " + string.Join(' ', args.Select(Quote));
        var info = StartInfo([]);
        info.FileName = "script";
        info.ArgumentList.Clear();
        foreach (var arg in new[] { "-qec", command, "/dev/null" })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["TERM"] = "xterm-256color";
        info.Environment["COLUMNS"] = "120";
        return Process.Start(info)!;
    }

    /// <summary>Its output until it exits; killed (by its own PID) if it has not within two minutes.</summary>
    public static async Task<CliResult> CollectAsync(Process process, string[] args)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("hgw " + string.Join(' ', args) + " did not finish:\n" + await stdout + await stderr);
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private ProcessStartInfo StartInfo(string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ConfigFile)!,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var key in new[] { "HGW_ADDRESS", "HGW_TOKEN", "HGW_CA", "HGW_CONFIG", "NO_COLOR" })
        {
            info.Environment.Remove(key);
        }
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }
        return info;
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
