using System.Diagnostics;
using System.Threading.Channels;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>The stdout lines of a long-running hgw (watch), as they arrive; killed (by its own PID) when disposed.</summary>
public sealed class CliLines : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly System.Text.StringBuilder _seen = new();

    public CliLines(Process process)
    {
        _process = process;
        _ = PumpAsync(process.StandardOutput, true);
        _ = PumpAsync(process.StandardError, false);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The next stdout line that matches, skipping others.</summary>
    public async Task<string> NextAsync(Func<string, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(timeout.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException("hgw never printed " + what + "; it printed:\n" + Seen());
        }
    }

    public string Seen()
    {
        lock (_seen)
        {
            return _seen.ToString();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader, bool stdout)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_seen)
            {
                _seen.AppendLine((stdout ? "" : "[stderr] ") + line);
            }
            if (stdout)
            {
                await _lines.Writer.WriteAsync(line);
            }
        }
        if (stdout)
        {
            _lines.Writer.TryComplete();
        }
    }
}
