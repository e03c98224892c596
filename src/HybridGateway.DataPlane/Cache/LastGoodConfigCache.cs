using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using HybridGateway.Contracts.Sync.V1;

namespace HybridGateway.DataPlane.Cache;

/// <summary>
/// The last config a node applied, on disk, so that it serves at once after a restart even with
/// the control plane away. Layout: 8-byte magic, 8-byte payload length, 32-byte SHA-256 of the
/// payload, then the payload (the config as a sync Snapshot message: version, hash, entities).
/// Written to a temporary file, flushed to disk, renamed over the old one: a crash leaves the old
/// file or the new one, never half of either. Anything that does not check out is refused whole.
/// </summary>
public sealed class LastGoodConfigCache(string directory)
{
    public const string FileName = "config.cache";
    private static readonly byte[] Magic = "HGWCFG01"u8.ToArray();
    private const int HeaderLength = 8 + 8 + 32;

    public string Path { get; } = System.IO.Path.Combine(directory, FileName);

    public void Write(Snapshot snapshot)
    {
        // The config holds private keys and JWT secrets: only this node's user may read it.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var payload = snapshot.ToByteArray();
        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), payload.LongLength);
        SHA256.HashData(payload, header.AsSpan(16));
        var temporary = Path + ".tmp-" + Environment.ProcessId;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(temporary, options))
        {
            file.Write(header);
            file.Write(payload);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path, overwrite: true);
        DirectorySync.Flush(directory);
    }

    /// <summary>The cached snapshot, or null with the reason when there is none or it cannot be trusted.</summary>
    public (Snapshot? Snapshot, string? Problem) TryRead()
    {
        if (!File.Exists(Path))
        {
            return (null, null);
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (IOException e)
        {
            return (null, "unreadable: " + e.Message);
        }
        if (bytes.Length < HeaderLength || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
        {
            return (null, bytes.Length == 0 ? "empty file" : "not a config cache (bad header)");
        }
        var length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
        if (length != bytes.Length - HeaderLength)
        {
            return (null, "truncated or padded: header says " + length + " bytes of config, the file has " + (bytes.Length - HeaderLength));
        }
        var payload = bytes.AsSpan(HeaderLength);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(16, 32)))
        {
            return (null, "checksum mismatch: the file is corrupt");
        }
        try
        {
            return (Snapshot.Parser.ParseFrom(payload), null);
        }
        catch (InvalidProtocolBufferException e)
        {
            return (null, "unparsable config: " + e.Message);
        }
    }

    /// <summary>Moves a refused cache aside (kept for inspection), so the next good config replaces it cleanly.</summary>
    public string? Quarantine()
    {
        if (!File.Exists(Path))
        {
            return null;
        }
        var target = Path + ".rejected";
        File.Move(Path, target, overwrite: true);
        return target;
    }
}
