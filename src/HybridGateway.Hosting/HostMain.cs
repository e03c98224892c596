namespace HybridGateway.Hosting;

/// <summary>
/// A host's entry point: a failure to start or run (a port already taken, a setting refused) ends
/// the process with exit code 1 and one line on stderr naming the reason, not an abort with a
/// stack trace. The host's own log already holds the details.
/// </summary>
public static class HostMain
{
    public static async Task<int> RunAsync(string name, Func<Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await run();
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("error: the " + name + " stopped: " + Reasons(e));
            return 1;
        }
    }

    /// <summary>The messages of an exception and its inner ones, without repeats.</summary>
    public static string Reasons(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var parts = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            var message = current.Message.Trim();
            if (message.Length > 0 && !parts.Exists(p => p.Contains(message, StringComparison.OrdinalIgnoreCase)))
            {
                parts.Add(message);
            }
        }
        return string.Join(": ", parts);
    }
}
