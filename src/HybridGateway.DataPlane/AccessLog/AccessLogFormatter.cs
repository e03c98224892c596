using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HybridGateway.DataPlane.AccessLog;

/// <summary>Writes an entry as one JSON line: the fields operators search by, always in the same order.</summary>
public static class AccessLogFormatter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static void Write(in AccessLogEntry entry, IBufferWriter<byte> output)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("time", entry.StartedAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("client_ip", entry.Client?.ToString());
        json.WriteString("method", entry.Method);
        json.WriteString("path", entry.Path);
        json.WriteNumber("status", entry.Status);
        WriteNumber(json, "request_bytes", entry.RequestBytes);
        WriteNumber(json, "response_bytes", entry.ResponseBytes);
        json.WriteStartObject("latencies_ms");
        json.WriteNumber("total", Math.Round(entry.TotalMs, 3));
        if (entry.UpstreamMs is { } upstream)
        {
            json.WriteNumber("upstream", Math.Round(upstream, 3));
            json.WriteNumber("gateway", Math.Round(Math.Max(0, entry.TotalMs - upstream), 3));
        }
        else
        {
            json.WriteNull("upstream");
            json.WriteNumber("gateway", Math.Round(entry.TotalMs, 3));
        }
        json.WriteEndObject();
        WriteNamed(json, "route", entry.Route?.Id, entry.Route?.Name);
        WriteNamed(json, "service", entry.Service?.Id, entry.Service?.Name);
        WriteNamed(json, "consumer", entry.Consumer?.Id, entry.Consumer?.Username);
        json.WriteString("upstream", entry.Upstream);
        json.WriteNumber("config_version", entry.ConfigVersion);
        json.WriteString("request_id", entry.RequestId);
        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNamed(Utf8JsonWriter json, string name, Guid? id, string? display)
    {
        if (id is not { } value)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteString("id", value);
        json.WriteString("name", display);
        json.WriteEndObject();
    }
}
