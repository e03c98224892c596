using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>
/// Reads an Admin API body within a size limit: JSON, or form fields as Kong accepts them
/// (<c>curl -d name=x -d paths[]=/a</c>). Every failure is a clear error result.
/// </summary>
public static class RequestBodyReader
{
    public sealed record RawBody(byte[] Bytes, string MediaType)
    {
        public string? ContentType { get; init; }
    }

    public static async Task<(RawBody? Body, IResult? Error)> ReadRawAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, TooLarge(limit));
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // A body that ends before its Content-Length, or arrives too slowly: the client's fault, said at once,
            // and the connection is closed after the answer (its body can never be read to the end).
            request.HttpContext.Response.Headers.Connection = "close";
            return (null, KongErrors.Json(e.StatusCode, new System.Text.Json.Nodes.JsonObject { ["message"] = "Cannot read the request body: " + e.Message }));
        }
        var mediaType = (request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return (new RawBody(buffer.ToArray(), mediaType) { ContentType = request.ContentType }, null);
    }

    /// <summary>An entity body as a JSON object. Form fields are coerced with <paramref name="form"/>.</summary>
    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpRequest request, long limit, Func<IReadOnlyList<KeyValuePair<string, string>>, JsonObject> form)
    {
        var (raw, error) = await ReadRawAsync(request, limit);
        if (raw is null)
        {
            return (null, error);
        }
        if (raw.Bytes.Length == 0 || raw.Bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return (new JsonObject(), null);
        }
        switch (raw.MediaType)
        {
            case "application/x-www-form-urlencoded":
                return IsStrictUtf8Form(raw.Bytes)
                    ? (form(ParseForm(raw.Bytes)), null)
                    : (null, KongErrors.BadRequest("Cannot parse form body: it is not valid UTF-8 (percent-decoded)"));
            case "multipart/form-data":
                var fields = await ParseMultipartAsync(raw);
                return fields is null
                    ? (null, KongErrors.BadRequest("Cannot parse multipart body: missing or bad boundary"))
                    : (form(fields), null);
            case "application/json" or "" or "text/json":
                return ParseJsonObject(raw.Bytes);
            default:
                return (null, KongErrors.Json(StatusCodes.Status415UnsupportedMediaType,
                    new JsonObject { ["message"] = "Unsupported Content-Type '" + raw.MediaType + "': send application/json or application/x-www-form-urlencoded" }));
        }
    }

    public static (JsonObject? Body, IResult? Error) ParseJsonObject(byte[] bytes)
    {
        try
        {
            var node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
            return node is JsonObject obj
                ? (obj, null)
                : (null, KongErrors.BadRequest("Cannot parse JSON body: expected a JSON object"));
        }
        catch (JsonException e)
        {
            return (null, KongErrors.BadRequest("Cannot parse JSON body: " + e.Message));
        }
    }

    /// <summary>Whether the body, and every percent-escape in it once decoded, is valid UTF-8: invalid bytes are refused, never replaced.</summary>
    private static bool IsStrictUtf8Form(byte[] bytes)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            _ = strict.GetString(bytes);
            _ = strict.GetString(System.Net.WebUtility.UrlDecodeToBytes(bytes, 0, bytes.Length));
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static List<KeyValuePair<string, string>> ParseForm(byte[] bytes)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var reader = new FormReader(Encoding.UTF8.GetString(bytes));
        while (reader.ReadNextPair() is { } pair)
        {
            fields.Add(new KeyValuePair<string, string>(pair.Key, pair.Value));
        }
        return fields;
    }

    /// <summary>curl -F: each part is a field; a file part's content is the field's value (a PEM, say).</summary>
    private static async Task<List<KeyValuePair<string, string>>?> ParseMultipartAsync(RawBody raw)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(raw.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return null;
        }
        var fields = new List<KeyValuePair<string, string>>();
        var reader = new MultipartReader(boundary, new MemoryStream(raw.Bytes));
        try
        {
            while (await reader.ReadNextSectionAsync() is { } section)
            {
                if (!Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { } name)
                {
                    continue;
                }
                using var text = new StreamReader(section.Body, Encoding.UTF8);
                fields.Add(new KeyValuePair<string, string>(name, await text.ReadToEndAsync()));
            }
        }
        catch (IOException)
        {
            return null;
        }
        return fields;
    }

    private static IResult TooLarge(long limit) => KongErrors.Json(StatusCodes.Status413PayloadTooLarge,
        new JsonObject { ["message"] = "request body too large: the limit is " + limit + " bytes" });
}
