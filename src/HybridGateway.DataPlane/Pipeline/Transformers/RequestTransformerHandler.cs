using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.RequestTransformer;

namespace HybridGateway.DataPlane.Pipeline.Transformers;

/// <summary>
/// request-transformer's access phase, as Kong's: the method (<c>http_method</c>), then headers,
/// body and query string, each by remove, rename, replace, add and append, then the upstream path
/// (<c>replace.uri</c>). Values may use templates (<see cref="TransformTemplate"/>). Bodies are
/// JSON objects or form fields, read up to <see cref="MaxBody"/>; a longer or other body is left
/// as it is, and a request without a body gets a form body when fields are added.
/// </summary>
public sealed class RequestTransformerHandler : PluginHandler
{
    public const int MaxBody = 8 * 1024 * 1024;

    private readonly string? _method;
    private readonly TransformOps _headers;
    private readonly TransformOps _query;
    private readonly TransformOps _body;
    private readonly TransformTemplate? _uri;

    public RequestTransformerHandler(Plugin plugin, RequestTransformerConfig config)
        : base(plugin)
    {
        var (headers, query, body, uri, _) = Compile(config);
        _method = config.HttpMethod;
        (_headers, _query, _body, _uri) = (headers, query, body, uri);
    }

    /// <summary>The compiled operations, and every template that cannot run here.</summary>
    public static (TransformOps Headers, TransformOps Query, TransformOps Body, TransformTemplate? Uri, List<string> Errors) Compile(RequestTransformerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();
        var (remove, rename, replace, add, append) = (config.Remove, config.Rename, config.Replace, config.Add, config.Append);
        var headers = TransformOps.Of(remove.Headers, rename.Headers, replace.Headers, add.Headers, append.Headers, errors);
        var query = TransformOps.Of(remove.Querystring, rename.Querystring, replace.Querystring, add.Querystring, append.Querystring, errors);
        var body = TransformOps.Of(remove.Body, rename.Body, replace.Body, add.Body, append.Body, errors);
        TransformTemplate? uri = null;
        if (replace.Uri is { } path)
        {
            uri = TransformTemplate.Parse(path, out var error);
            if (error is not null)
            {
                errors.Add(error);
            }
        }
        return (headers, query, body, uri, errors);
    }

    public override async ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http.Request;
        if (_method is not null)
        {
            http.Method = _method;
        }
        if (!_headers.IsEmpty)
        {
            _headers.Apply(request, new HeaderTarget(http.Headers));
        }
        if (!_body.IsEmpty)
        {
            await TransformBodyAsync(request);
        }
        if (!_query.IsEmpty)
        {
            var query = NamedValues.Parse(request.Query);
            _query.Apply(request, query);
            if (query.Changed)
            {
                var encoded = query.Encode();
                request.Query = encoded.Length == 0 ? "" : "?" + encoded;
            }
        }
        if (_uri is not null)
        {
            var path = _uri.Render(request);
            request.UpstreamPath = path.StartsWith('/') ? path : "/" + path;
        }
        return true;
    }

    private async Task TransformBodyAsync(PluginRequest request)
    {
        var http = request.Http.Request;
        var mediaType = (http.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var empty = http.ContentLength is null or 0 && !http.Headers.ContainsKey("Transfer-Encoding");
        if (mediaType is not ("application/json" or "application/x-www-form-urlencoded") && !(mediaType.Length == 0 && empty && _body.Creates))
        {
            return;
        }
        if (await BoundedBody.ReadAsync(http, MaxBody, request.Http.RequestAborted) is not { } raw)
        {
            return;
        }
        byte[] transformed;
        if (mediaType == "application/json")
        {
            JsonNode? parsed;
            try
            {
                parsed = raw.Length == 0 ? new JsonObject() : JsonNode.Parse(raw, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException)
            {
                Restore(http, raw);
                return;
            }
            if (parsed is not JsonObject json)
            {
                Restore(http, raw);
                return;
            }
            var target = new JsonTarget(json);
            _body.Apply(request, target);
            transformed = target.Changed ? JsonSerializer.SerializeToUtf8Bytes(json) : raw;
        }
        else
        {
            var form = NamedValues.Parse(Encoding.UTF8.GetString(raw));
            _body.Apply(request, form);
            transformed = form.Changed ? Encoding.UTF8.GetBytes(form.Encode()) : raw;
            if (mediaType.Length == 0 && form.Changed)
            {
                http.ContentType = "application/x-www-form-urlencoded";
            }
        }
        Restore(http, transformed);
    }

    private static void Restore(HttpRequest http, byte[] body)
    {
        http.Body = new MemoryStream(body, writable: false);
        http.ContentLength = body.Length;
        http.Headers.Remove("Transfer-Encoding");
    }
}
