using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Pipeline.Logging;
using HybridGateway.Plugins.FileLog;

namespace HybridGateway.DataPlane.Pipeline.FileLog;

/// <summary>
/// file-log on the data plane: each request's entry is appended to the file as one JSON line, by a
/// background writer in batches (Kong writes in the request; here the request never waits on the
/// disk). A failed write drops its batch and is counted.
/// </summary>
public sealed class FileLogRuntime(LogFiles files, TimeProvider clock, ILoggerFactory loggers)
    : QueuedLogRuntime<FileLogDefinition, FileLogConfig>(clock, loggers)
{
    protected override LogQueueSettings QueueSettings(FileLogConfig config) =>
        new() { MaxBatchSize = 1024, MaxCoalescingDelay = 0, MaxEntries = 16_384, MaxRetryTime = 0 };

    protected override (Func<IReadOnlyList<byte[]>, CancellationToken, Task<string?>> Send, IDisposable? Owned) Sender(Plugin plugin, FileLogConfig config) =>
        ((batch, cancellation) => files.AppendAsync(config.Path, batch, config.Reopen, cancellation), null);

    protected override PluginHandler CreateHandler(Plugin plugin, FileLogConfig config, LogQueue queue) => new SerializedLogHandler(plugin, queue);
}
