using System.Diagnostics;

namespace HybridGateway.FunctionalTests.Deploy;

/// <summary>Finds and runs the tools the deployment files are checked with.</summary>
public static class Tool
{
    /// <summary>The program's path on PATH (or one of the given places), or null.</summary>
    public static string? Find(string name, params string[] places)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var candidate in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, name)).Concat(places))
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    public static async Task<ToolResult> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null, string? standardInput = null)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Support.RepoPaths.Root,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + program);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(program + " did not finish within 2 minutes");
        }
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
