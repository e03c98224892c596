using System.Collections.Concurrent;

namespace HybridGateway.DataPlane.Pipeline.Logging;

/// <summary>
/// The files file-log instances append to, one writer per path however many instances name it,
/// so that batches never overwrite each other. A file is opened on first use and kept open, or
/// opened for each batch with <c>reopen</c> (a rotated file is then followed).
/// </summary>
public sealed class LogFiles : IDisposable
{
    private readonly ConcurrentDictionary<string, LogFile> _files = new(StringComparer.Ordinal);

    public Task<string?> AppendAsync(string path, IReadOnlyList<byte[]> lines, bool reopen, CancellationToken cancellation) =>
        _files.GetOrAdd(Path.GetFullPath(path), p => new LogFile(p)).AppendAsync(lines, reopen, cancellation);

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Dispose();
        }
    }

    private sealed class LogFile(string path) : IDisposable
    {
        private static readonly byte[] NewLine = "\n"u8.ToArray();
        private readonly SemaphoreSlim _turn = new(1, 1);
        private FileStream? _stream;

        public async Task<string?> AppendAsync(IReadOnlyList<byte[]> lines, bool reopen, CancellationToken cancellation)
        {
            await _turn.WaitAsync(cancellation);
            try
            {
                if (reopen && _stream is not null)
                {
                    await _stream.DisposeAsync();
                    _stream = null;
                }
                _stream ??= Open();
                _stream.Seek(0, SeekOrigin.End); // another writer (or a truncation) may have moved the end
                foreach (var line in lines)
                {
                    await _stream.WriteAsync(line, cancellation);
                    await _stream.WriteAsync(NewLine, cancellation);
                }
                await _stream.FlushAsync(cancellation);
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _stream?.Dispose();
                _stream = null;
                return "failed to open or write the file: " + e.Message;
            }
            finally
            {
                _turn.Release();
            }
        }

        public void Dispose() => _stream?.Dispose();

        private FileStream Open()
        {
            if (Path.GetDirectoryName(path) is { Length: > 0 } directory && !Directory.Exists(directory))
            {
                throw new IOException("the directory " + directory + " does not exist");
            }
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 64 * 1024,
            });
        }
    }
}
