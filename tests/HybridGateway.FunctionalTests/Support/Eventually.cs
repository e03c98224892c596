namespace HybridGateway.FunctionalTests.Support;

/// <summary>Waits for a condition the system reaches asynchronously, with a generous deadline (no timing assertions).</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        T last = default!;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                if (done(last))
                {
                    return last;
                }
                lastError = null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                lastError = e;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("timed out waiting for " + what + "; last value: " + last + (lastError is null ? "" : "; last error: " + lastError.Message)
            + (diagnostics is null ? "" : "\n--- diagnostics ---\n" + diagnostics()));
    }

    public static Task True(Func<Task<bool>> probe, string what, TimeSpan? timeout = null, Func<string>? diagnostics = null) =>
        Get(probe, ok => ok, what, timeout, diagnostics);
}
