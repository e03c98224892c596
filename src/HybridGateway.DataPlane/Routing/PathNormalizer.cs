using System.Buffers;

namespace HybridGateway.DataPlane.Routing;

/// <summary>Kong's normalisation of a raw request path, applied before any routing or authorisation decision.</summary>
/// <remarks>
/// Every later decision (route, plugin, upstream path) sees the same path, so an encoded or dotted variant
/// cannot reach a route or skip a plugin that the plain form would not. Only unreserved characters are
/// decoded: decoding '/', '?' or '%' would change what the path means to the upstream.
/// </remarks>
public static class PathNormalizer
{
    private const int StackLimit = 256;

    /// <summary>The normalised path, or null when the input is not an absolute path, has a malformed
    /// %-escape, or carries a control character or an encoded NUL.</summary>
    public static string? Normalize(string rawPath)
    {
        ArgumentNullException.ThrowIfNull(rawPath);
        if (rawPath.Length == 0 || rawPath[0] != '/')
        {
            return null;
        }
        switch (Scan(rawPath))
        {
            case ScanResult.Invalid:
                return null;
            case ScanResult.AlreadyNormal:
                return rawPath;
        }

        char[]? rented = null;
        var buffer = rawPath.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(rawPath.Length));
        try
        {
            var decoded = Decode(rawPath, buffer);
            if (decoded < 0)
            {
                return null;
            }
            var length = RemoveDotSegments(buffer[..decoded]);
            var result = buffer[..length];
            return result.SequenceEqual(rawPath) ? rawPath : new string(result);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private enum ScanResult
    {
        AlreadyNormal,
        NeedsWork,
        Invalid,
    }

    // Most paths need nothing; this keeps them allocation-free.
    private static ScanResult Scan(string path)
    {
        var result = ScanResult.AlreadyNormal;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (char.IsControl(c))
            {
                return ScanResult.Invalid;
            }
            if (c == '%' || (c == '/' && i + 1 < path.Length && path[i + 1] is '/' or '.'))
            {
                result = ScanResult.NeedsWork;
            }
        }
        return result;
    }

    /// <summary>Decodes unreserved escapes and upper-cases the others; -1 when an escape is malformed or NUL.</summary>
    private static int Decode(string path, Span<char> output)
    {
        var written = 0;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c != '%')
            {
                output[written++] = c;
                continue;
            }
            if (i + 2 >= path.Length || !char.IsAsciiHexDigit(path[i + 1]) || !char.IsAsciiHexDigit(path[i + 2]))
            {
                return -1;
            }
            var value = (char)((HexValue(path[i + 1]) << 4) | HexValue(path[i + 2]));
            if (value == '\0')
            {
                // An encoded NUL truncates the path in C-based upstreams; nothing legitimate sends one.
                return -1;
            }
            if (IsUnreserved(value))
            {
                output[written++] = value;
            }
            else
            {
                output[written++] = '%';
                output[written++] = char.ToUpperInvariant(path[i + 1]);
                output[written++] = char.ToUpperInvariant(path[i + 2]);
            }
            i += 2;
        }
        return written;
    }

    /// <summary>RFC 3986 §5.2.4 in place, dropping empty segments as it goes (Kong merges slashes the same way,
    /// so <c>/a//../b</c> is <c>/b</c>). Returns the new length.</summary>
    private static int RemoveDotSegments(Span<char> path)
    {
        var write = 0;
        var read = 0;
        var trailingSlash = false;
        while (read < path.Length)
        {
            var start = read + 1;
            var next = path[start..].IndexOf('/');
            var end = next < 0 ? path.Length : start + next;
            var segment = path[start..end];
            var isLast = end == path.Length;
            if (segment.Length == 0 || segment is ".")
            {
                trailingSlash = isLast;
            }
            else if (segment is "..")
            {
                write = Math.Max(0, path[..write].LastIndexOf('/'));
                trailingSlash = isLast;
            }
            else
            {
                // write never passes read, so the overlapping copy only moves text left.
                path[write] = '/';
                segment.CopyTo(path[(write + 1)..]);
                write += 1 + segment.Length;
                trailingSlash = false;
            }
            read = end;
        }
        if (write == 0 || trailingSlash)
        {
            path[write++] = '/';
        }
        return write;
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
