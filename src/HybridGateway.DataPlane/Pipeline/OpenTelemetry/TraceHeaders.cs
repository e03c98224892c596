using System.Globalization;

namespace HybridGateway.DataPlane.Pipeline.OpenTelemetry;

/// <summary>A trace context read from a request: its ids, whether it was sampled (null: not said), and the format it came in.</summary>
public readonly record struct IncomingTrace(byte[] TraceId, byte[]? ParentSpanId, bool? Sampled, string Format, string? TraceState);

/// <summary>Reads and writes the trace headers of the formats this gateway speaks: W3C (traceparent), B3 (multi-header) and B3 single.</summary>
public static class TraceHeaders
{
    public const string W3c = "w3c";
    public const string B3 = "b3";
    public const string B3Single = "b3-single";

    /// <summary>The first format of <paramref name="formats"/> found in the headers, or null.</summary>
    public static IncomingTrace? Extract(IHeaderDictionary headers, IReadOnlyList<string> formats)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(formats);
        foreach (var format in formats)
        {
            var found = format switch
            {
                W3c => ExtractW3c(headers),
                B3 => ExtractB3Single(headers) ?? ExtractB3(headers),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    public static void Inject(IHeaderDictionary headers, string format, byte[] traceId, byte[] spanId, byte[]? parentSpanId, bool sampled, string? traceState)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var trace = Convert.ToHexStringLower(traceId);
        var span = Convert.ToHexStringLower(spanId);
        switch (format)
        {
            case W3c:
                headers["traceparent"] = "00-" + trace + "-" + span + (sampled ? "-01" : "-00");
                if (traceState is not null)
                {
                    headers["tracestate"] = traceState;
                }
                break;
            case B3:
                headers["X-B3-TraceId"] = trace;
                headers["X-B3-SpanId"] = span;
                headers["X-B3-Sampled"] = sampled ? "1" : "0";
                if (parentSpanId is not null)
                {
                    headers["X-B3-ParentSpanId"] = Convert.ToHexStringLower(parentSpanId);
                }
                else
                {
                    headers.Remove("X-B3-ParentSpanId");
                }
                break;
            case B3Single:
                headers["b3"] = trace + "-" + span + (sampled ? "-1" : "-0") + (parentSpanId is null ? "" : "-" + Convert.ToHexStringLower(parentSpanId));
                break;
        }
    }

    private static IncomingTrace? ExtractW3c(IHeaderDictionary headers)
    {
        // version-traceid-parentid-flags; an all-zero id is invalid.
        var value = headers["traceparent"].ToString();
        if (value.Length < 55 || value[2] != '-' || value[35] != '-' || value[52] != '-' || value.StartsWith("ff", StringComparison.Ordinal)
            || !TryHex(value.AsSpan(3, 32), out var trace) || !TryHex(value.AsSpan(36, 16), out var parent)
            || !byte.TryParse(value.AsSpan(53, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var flags)
            || (value.Length > 55 && (value[..2] == "00" || value[55] != '-')))
        {
            return null;
        }
        var state = headers["tracestate"].ToString();
        return new IncomingTrace(trace, parent, (flags & 1) == 1, W3c, state.Length > 0 ? state : null);
    }

    private static IncomingTrace? ExtractB3(IHeaderDictionary headers)
    {
        var traceText = headers["X-B3-TraceId"].ToString();
        if (traceText.Length is not (16 or 32) || !TryHex(traceText.PadLeft(32, '0'), out var trace))
        {
            return null;
        }
        var spanText = headers["X-B3-SpanId"].ToString();
        byte[]? parent = spanText.Length == 16 && TryHex(spanText, out var span) ? span : null;
        bool? sampled = headers["X-B3-Flags"].ToString() == "1" ? true : headers["X-B3-Sampled"].ToString() switch
        {
            "1" or "true" => true,
            "0" or "false" => false,
            _ => null,
        };
        return new IncomingTrace(trace, parent, sampled, B3, null);
    }

    private static IncomingTrace? ExtractB3Single(IHeaderDictionary headers)
    {
        // traceid-spanid[-sampled[-parentspanid]]; a lone "0", "1" or "d" carries no ids.
        var parts = headers["b3"].ToString().Split('-');
        if (parts.Length < 2 || parts[0].Length is not (16 or 32) || !TryHex(parts[0].PadLeft(32, '0'), out var trace)
            || parts[1].Length != 16 || !TryHex(parts[1], out var span))
        {
            return null;
        }
        bool? sampled = parts.Length > 2 ? parts[2] switch { "1" or "d" => true, "0" => false, _ => null } : null;
        return new IncomingTrace(trace, span, sampled, B3Single, null);
    }

    private static bool TryHex(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        bytes = Convert.FromHexString(text);
        return bytes.Any(b => b != 0);
    }
}
