using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Serialization;

namespace HybridGateway.DataPlane.Pipeline.RequestTermination;

/// <summary>
/// request-termination's <c>echo</c> body, as Kong's: the message, the request (scheme, host,
/// port, method, path, headers, query, its body raw and parsed) and the matched route and service.
/// A body is read up to <see cref="MaxBody"/>; a longer one is echoed as null.
/// </summary>
public static class EchoBody
{
    public const int MaxBody = 64 * 1024;

    public static async Task<byte[]> BuildAsync(PluginRequest request, string? message)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http.Request;
        var raw = await BoundedBody.ReadAsync(http, MaxBody, request.Http.RequestAborted) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        var service = request.Route?.Service is { } reference ? request.Config.State.Find<Service>(reference.Id) : null;
        var body = new JsonObject
        {
            ["message"] = message,
            ["request"] = new JsonObject
            {
                ["scheme"] = http.Scheme,
                ["host"] = http.Host.Host,
                ["port"] = http.Host.Port ?? (http.IsHttps ? 443 : 80),
                ["method"] = http.Method,
                ["path"] = request.Path ?? http.Path.Value,
                ["headers"] = Headers(http.Headers),
                ["query"] = Query(request.Query),
                ["raw_body"] = raw,
                ["body"] = Parsed(http.ContentType, raw),
            },
            ["matched_route"] = Entity(request.Route),
            ["matched_service"] = Entity(service),
        };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>Names in lower case; a repeated header is an array.</summary>
    private static JsonObject Headers(IHeaderDictionary headers)
    {
        var result = new JsonObject();
        foreach (var (name, values) in headers)
        {
            result[name.ToLowerInvariant()] = values.Count == 1 ? values[0] : new JsonArray(values.Select(v => (JsonNode?)v).ToArray());
        }
        return result;
    }

    /// <summary>An argument without a value is true; a repeated one is an array.</summary>
    private static JsonObject Query(string query)
    {
        var result = new JsonObject();
        foreach (var (name, text) in Transformers.NamedValues.Parse(query).Pairs)
        {
            JsonNode value = text is null ? JsonValue.Create(true) : JsonValue.Create(text);
            result[name] = result[name] switch
            {
                null => value,
                JsonArray list => Append(list, value),
                var single => new JsonArray(single.DeepClone(), value),
            };
        }
        return result;
    }

    private static JsonArray Append(JsonArray list, JsonNode value)
    {
        list.Add(value);
        return list;
    }

    /// <summary>JSON and form bodies parsed, as Kong's get_body; anything else null.</summary>
    private static JsonNode? Parsed(string? contentType, string? raw)
    {
        if (raw is null || contentType is null)
        {
            return null;
        }
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType == "application/json")
        {
            try
            {
                return JsonNode.Parse(raw, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return mediaType == "application/x-www-form-urlencoded" ? Query(raw) : null;
    }

    private static JsonNode? Entity(ConfigEntity? entity) =>
        entity is null ? null : JsonSerializer.SerializeToNode(entity, entity.GetType(), ConfigJson.Options);
}
