using System.Collections.Concurrent;
using HybridGateway.DataPlane.Pipeline.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HybridGateway.DataPlane.Tests.Pipeline.Logging;

public sealed class LogQueueTests
{
    [Fact]
    public async Task Entries_AreSentInBatches_UpToTheBatchSize()
    {
        var batches = new ConcurrentQueue<int>();
        await using (var queue = Queue(new LogQueueSettings { MaxBatchSize = 3, MaxCoalescingDelay = 5 }, async (batch, _) =>
        {
            batches.Enqueue(batch.Count);
            await Task.Yield();
            return null;
        }))
        {
            for (var i = 0; i < 7; i++)
            {
                queue.Add([(byte)i]);
            }
        }

        Assert.Equal(7, batches.Sum());
        Assert.All(batches, count => Assert.InRange(count, 1, 3));
        Assert.Equal(3, batches.First());
    }

    [Fact]
    public async Task AFailingBatch_IsRetried_UntilItIsSent()
    {
        var attempts = 0;
        await using var queue = Queue(new LogQueueSettings { InitialRetryDelay = 0.001, MaxRetryDelay = 0.01 }, (_, _) =>
            Task.FromResult(Interlocked.Increment(ref attempts) <= 3 ? "status 500" : null));

        queue.Add([1]);
        await WaitFor(() => queue.Sent == 1);

        Assert.Equal(4, attempts);
        Assert.Equal(3, queue.FailedAttempts);
        Assert.Equal(0, queue.Dropped);
    }

    [Fact]
    public async Task ABatchThatKeepsFailing_IsDropped_AfterMaxRetryTime()
    {
        await using var queue = Queue(new LogQueueSettings { MaxRetryTime = 0.05, InitialRetryDelay = 0.001, MaxRetryDelay = 0.01 }, (_, _) => Task.FromResult<string?>("down"));

        queue.Add([1]);
        await WaitFor(() => queue.Dropped == 1);

        Assert.True(queue.FailedAttempts > 1);
        Assert.Equal(0, queue.Sent);
    }

    [Fact]
    public async Task AFullQueue_DropsTheOldest_AndCountsIt()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var sent = new ConcurrentQueue<byte>();
        await using var queue = Queue(new LogQueueSettings { MaxEntries = 2 }, async (batch, _) =>
        {
            started.TrySetResult();
            await release.Task;
            sent.Enqueue(batch[0][0]);
            return null;
        });

        queue.Add([0]); // taken by the sender, which waits
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (byte i = 1; i <= 4; i++)
        {
            queue.Add([i]);
        }
        release.SetResult();
        await WaitFor(() => queue.Sent == 3);

        Assert.Equal(2, queue.Dropped);
        Assert.Equal(new byte[] { 0, 3, 4 }, sent.ToArray());
    }

    private static LogQueue Queue(LogQueueSettings settings, Func<IReadOnlyList<byte[]>, CancellationToken, Task<string?>> send) =>
        new("test", settings, send, TimeProvider.System, NullLogger.Instance);

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }
}
