using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using HybridGateway.Configuration.Serialization;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Proxy;
using Microsoft.Extensions.Primitives;

namespace HybridGateway.DataPlane.Pipeline.Logging;

/// <summary>
/// Kong's basic log serializer (<c>kong.log.serialize()</c>), as http-log and file-log send it:
/// request, upstream_uri, upstream_status, response, latencies, tries, authenticated_entity,
/// route, service, consumer, client_ip, started_at, source and workspace. Credentials are never
/// written: Authorization, Proxy-Authorization, Cookie and Set-Cookie, and every header or query
/// argument that carried a key (key-auth's key names), are written as <c>REDACTED</c>.
/// </summary>
public static class KongLogSerializer
{
    public const string Redacted = "REDACTED";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly string[] AlwaysRedacted = ["authorization", "proxy-authorization", "cookie", "set-cookie"];
    private static readonly ConditionalWeakTable<object, byte[]> EntityJson = [];

    /// <summary>One request's entry as JSON (no line break).</summary>
    public static byte[] Serialize(HttpContext http, ProxyOutcome outcome, double totalMs)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(outcome);
        var buffer = new ArrayBufferWriter<byte>(2048);
        Write(http, outcome, totalMs, DateTimeOffset.UtcNow, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(HttpContext http, ProxyOutcome outcome, double totalMs, DateTimeOffset now, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(outcome);
        var request = http.Request;
        var response = http.Response;
        var redactions = outcome.Redactions;
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();

        json.WriteStartObject("request");
        json.WriteString("id", http.TraceIdentifier);
        var query = RedactQuery(request.QueryString.Value, redactions);
        var path = outcome.Path ?? request.Path.Value;
        json.WriteString("uri", path + query);
        json.WriteString("url", request.Scheme + "://" + request.Host.Value + path + query);
        json.WriteStartObject("querystring");
        foreach (var (name, values) in request.Query)
        {
            WriteValues(json, name, values, IsRedacted(name, redactions));
        }
        json.WriteEndObject();
        json.WriteString("method", request.Method);
        WriteHeaders(json, request.Headers, redactions);
        json.WriteNumber("size", request.ContentLength ?? 0);
        json.WriteEndObject();

        var upstreamUri = http.Features.Get<ProxyRequestFeature>()?.UpstreamPathAndQuery;
        var mark = upstreamUri?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        json.WriteString("upstream_uri", mark < 0 ? upstreamUri ?? "" : upstreamUri![..mark] + RedactQuery(upstreamUri[mark..], redactions));
        json.WriteString("upstream_status", outcome.FromUpstream ? response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");

        json.WriteStartObject("response");
        json.WriteNumber("status", response.StatusCode);
        WriteHeaders(json, response.Headers, null);
        json.WriteNumber("size", response.ContentLength ?? 0);
        json.WriteEndObject();

        var upstreamMs = outcome.UpstreamTicks > 0 ? outcome.UpstreamMs : -1;
        json.WriteStartObject("latencies");
        json.WriteNumber("kong", Math.Round(upstreamMs >= 0 ? Math.Max(0, totalMs - upstreamMs) : totalMs));
        json.WriteNumber("proxy", upstreamMs >= 0 ? Math.Round(upstreamMs) : -1);
        json.WriteNumber("request", Math.Round(totalMs));
        json.WriteNumber("receive", 0);
        json.WriteEndObject();

        json.WriteStartArray("tries");
        if (outcome.Upstream is { } target && Uri.TryCreate(target, UriKind.Absolute, out var upstream))
        {
            json.WriteStartObject();
            json.WriteString("ip", upstream.Host);
            json.WriteNumber("port", upstream.Port);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        if (outcome.Consumer is { } consumer)
        {
            json.WriteStartObject("authenticated_entity");
            json.WriteString("id", consumer.Id);
            json.WriteString("consumer_id", consumer.Id);
            json.WriteEndObject();
        }
        WriteEntity(json, "route", outcome.Route);
        WriteEntity(json, "service", outcome.Service?.Service);
        WriteEntity(json, "consumer", outcome.Consumer);
        json.WriteString("client_ip", (outcome.ClientAddress ?? http.Connection.RemoteIpAddress)?.ToString());
        json.WriteNumber("started_at", now.ToUnixTimeMilliseconds() - (long)totalMs);
        json.WriteString("source", outcome.FromUpstream ? "upstream" : "kong");
        json.WriteString("workspace_name", "default");
        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>A raw query string ("?a=1&amp;apikey=…") with the values of credential arguments replaced.</summary>
    private static string? RedactQuery(string? query, List<string>? redactions)
    {
        if (string.IsNullOrEmpty(query) || redactions is null)
        {
            return query;
        }
        var parts = query.TrimStart('?').Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? parts[i] : parts[i][..equals]).Replace('+', ' '));
            if (IsRedacted(name, redactions))
            {
                parts[i] = (equals < 0 ? parts[i] : parts[i][..equals]) + "=" + Redacted;
            }
        }
        return "?" + string.Join('&', parts);
    }

    private static bool IsRedacted(string name, List<string>? redactions)
    {
        foreach (var always in AlwaysRedacted)
        {
            if (string.Equals(name, always, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        if (redactions is not null)
        {
            foreach (var redacted in redactions)
            {
                if (string.Equals(name, redacted, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>A "headers" table: lower-case names, credentials redacted.</summary>
    private static void WriteHeaders(Utf8JsonWriter json, IHeaderDictionary headers, List<string>? redactions)
    {
        json.WriteStartObject("headers");
        foreach (var (name, values) in headers)
        {
            WriteValues(json, name.ToLowerInvariant(), values, IsRedacted(name, redactions));
        }
        json.WriteEndObject();
    }

    /// <summary>One value as a string, several as an array (as Kong's header and query tables).</summary>
    private static void WriteValues(Utf8JsonWriter json, string name, StringValues values, bool redacted)
    {
        if (redacted)
        {
            json.WriteString(name, Redacted);
        }
        else if (values.Count == 1)
        {
            json.WriteString(name, values[0]);
        }
        else
        {
            json.WriteStartArray(name);
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }
            json.WriteEndArray();
        }
    }

    /// <summary>An entity as Kong's Admin API shows it; its JSON is made once per entity version (entities are immutable).</summary>
    private static void WriteEntity(Utf8JsonWriter json, string name, object? entity)
    {
        if (entity is null)
        {
            return;
        }
        var bytes = EntityJson.GetValue(entity, e => JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), ConfigJson.Options));
        json.WritePropertyName(name);
        json.WriteRawValue(bytes, skipInputValidation: true);
    }
}
