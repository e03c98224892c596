using System.Buffers;
using System.Threading.Channels;
using HybridGateway.DataPlane.Hosting;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.AccessLog;

/// <summary>
/// The access log: one JSON line per request, to a file or stdout, or off (<c>DataPlane:AccessLog</c>).
/// Requests only put an entry in a bounded queue; a background writer formats and writes them in
/// batches. When the queue is full the entry is dropped and counted: the log never slows requests.
/// </summary>
public sealed partial class AccessLogWriter : BackgroundService
{
    public const string Off = "off";
    public const string Stdout = "stdout";

    private readonly Channel<AccessLogEntry>? _queue;
    private readonly string _target;
    private readonly Func<Stream>? _open;
    private readonly ILogger<AccessLogWriter> _logger;
    private long _written;
    private long _dropped;

    public AccessLogWriter(IOptions<DataPlaneOptions> options, ILogger<AccessLogWriter> logger)
        : this(options?.Value.AccessLog ?? Off, options?.Value.AccessLogQueueSize ?? 1, null, logger)
    {
    }

    /// <param name="open">Opens the sink; by default the file named by <paramref name="target"/>, or stdout.</param>
    public AccessLogWriter(string target, int queueSize, Func<Stream>? open, ILogger<AccessLogWriter> logger)
    {
        _target = target;
        _logger = logger;
        if (target == Off)
        {
            return;
        }
        _queue = Channel.CreateBounded<AccessLogEntry>(new BoundedChannelOptions(Math.Max(1, queueSize))
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once, and the entry is counted as dropped
            SingleReader = true,
        });
        _open = open ?? (target == Stdout ? Console.OpenStandardOutput : () => OpenFile(target));
    }

    public bool Enabled => _queue is not null;

    public string Target => _target;

    public long Written => Interlocked.Read(ref _written);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues an entry; never waits.</summary>
    public void Write(in AccessLogEntry entry)
    {
        if (_queue is not null && !_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_queue is null)
        {
            return;
        }
        await using var sink = _open!();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(sink, buffer);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is queued is written below.
        }
        await DrainAsync(sink, buffer);
    }

    /// <summary>Writes what is queued as one batch; a batch once taken is written whole, even while stopping.</summary>
    private async Task DrainAsync(Stream sink, ArrayBufferWriter<byte> buffer)
    {
        var lines = 0;
        while (lines < 4096 && _queue!.Reader.TryRead(out var entry))
        {
            AccessLogFormatter.Write(entry, buffer);
            lines++;
        }
        if (lines == 0)
        {
            return;
        }
        try
        {
            await sink.WriteAsync(buffer.WrittenMemory, CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
            Interlocked.Add(ref _written, lines);
        }
        catch (IOException e)
        {
            Interlocked.Add(ref _dropped, lines);
            LogWriteFailed(_logger, _target, e.Message);
        }
        finally
        {
            buffer.ResetWrittenCount();
        }
    }

    private static FileStream OpenFile(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Could not write the access log to {Target}: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string target, string reason);
}
