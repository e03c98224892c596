using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>
/// One of our programs started as a real process (dotnet &lt;dll&gt;), its output kept for the test's
/// diagnostics. It is stopped by its own PID, never by name.
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once it has exited on its own within the time given; null if it still runs.</summary>
    public async Task<int?> ExitCodeWithinAsync(TimeSpan time)
    {
        using var timeout = new CancellationTokenSource(time);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static GatewayProcess Start(string name, string project, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [RepoPaths.Program(project)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["Logging__LogLevel__Default"] = "Information";
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        info.Environment["Logging__LogLevel__Marten"] = "Warning";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new GatewayProcess(name, process);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not stopped within the grace period.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (_process.HasExited)
        {
            return;
        }
        _ = SendSignal(_process.Id, 15);
        using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    public override string ToString() => Name + " (pid " + (_process.HasExited ? "exited" : _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) + ")";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Length > 2_000_000)
            {
                _output.Remove(0, 1_000_000);
            }
            _output.AppendLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
