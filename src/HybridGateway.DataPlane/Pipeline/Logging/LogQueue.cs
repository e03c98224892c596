using System.Threading.Channels;

namespace HybridGateway.DataPlane.Pipeline.Logging;

/// <summary>
/// A log plugin's queue, as Kong's: requests only add an entry (never wait); a background loop
/// takes batches of up to <c>max_batch_size</c> entries, waiting up to <c>max_coalescing_delay</c>
/// for a batch to fill, and sends each batch, retrying a failed one with exponential backoff
/// (<c>initial_retry_delay</c> doubling up to <c>max_retry_delay</c>) until <c>max_retry_time</c>
/// has passed since its first attempt, when it is dropped. With <c>max_entries</c> waiting, the
/// oldest entry is dropped for the new one. Every drop is counted.
/// </summary>
public sealed partial class LogQueue : IAsyncDisposable
{
    private readonly Channel<byte[]> _entries;
    private readonly Func<IReadOnlyList<byte[]>, CancellationToken, Task<string?>> _send;
    private readonly LogQueueSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly CancellationTokenSource _stop = new();
    private readonly IDisposable? _owned;
    private readonly Task _loop;
    private long _sent;
    private long _dropped;
    private long _failedAttempts;

    /// <param name="send">Sends one batch; returns null on success, else why it failed.</param>
    /// <param name="owned">What the sender uses (an HTTP client), disposed when the queue stops.</param>
    public LogQueue(string name, LogQueueSettings settings, Func<IReadOnlyList<byte[]>, CancellationToken, Task<string?>> send, TimeProvider clock, ILogger logger,
        IDisposable? owned = null)
    {
        _owned = owned;
        _name = name;
        _settings = settings;
        _send = send;
        _clock = clock;
        _logger = logger;
        _entries = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(Math.Max(1, settings.MaxEntries)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Entries delivered.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Entries dropped: the queue full, or their batch given up on.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Batch attempts that failed (each retry counts).</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    public void Add(byte[] entry)
    {
        if (!_entries.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped); // completed: the instance was replaced or removed
        }
    }

    /// <summary>Takes no more entries, sends what is queued (one attempt each, within a few seconds), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _entries.Writer.TryComplete();
        _stop.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _owned?.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _entries.Reader;
        var batch = new List<byte[]>(Math.Min(_settings.MaxBatchSize, 1024));
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            var deadline = _clock.GetTimestamp() + (long)(_settings.MaxCoalescingDelay * _clock.TimestampFrequency);
            while (batch.Count < _settings.MaxBatchSize)
            {
                if (reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                    continue;
                }
                var wait = _clock.GetElapsedTime(_clock.GetTimestamp(), deadline);
                if (_settings.MaxBatchSize == 1 || wait <= TimeSpan.FromMilliseconds(50) || reader.Completion.IsCompleted)
                {
                    break;
                }
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(wait);
                try
                {
                    if (!await reader.WaitToReadAsync(timeout.Token))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            if (batch.Count > 0)
            {
                await SendWithRetriesAsync(batch);
            }
        }
    }

    private async Task SendWithRetriesAsync(List<byte[]> batch)
    {
        var first = _clock.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            string? failure;
            try
            {
                failure = await _send(batch, _stop.Token);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or UnauthorizedAccessException)
            {
                failure = e.Message;
            }
            if (failure is null)
            {
                Interlocked.Add(ref _sent, batch.Count);
                return;
            }
            Interlocked.Increment(ref _failedAttempts);
            var delay = TimeSpan.FromSeconds(Math.Min(_settings.MaxRetryDelay, Math.Pow(2, attempt) * _settings.InitialRetryDelay));
            var spent = _clock.GetElapsedTime(first);
            if (_stop.IsCancellationRequested || _settings.MaxRetryTime <= 0 || spent + delay > TimeSpan.FromSeconds(_settings.MaxRetryTime))
            {
                Interlocked.Add(ref _dropped, batch.Count);
                LogGaveUp(_logger, _name, batch.Count, attempt + 1, failure);
                return;
            }
            LogRetrying(_logger, _name, failure, delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, _clock, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping: one more attempt below, then the batch is given up.
            }
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Log queue {Queue}: {Count} entries lost after {Attempts} attempts; last error: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string queue, int count, int attempts, string reason);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Debug, Message = "Log queue {Queue}: send failed ({Reason}); retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string queue, string reason, double delayMs);
}
