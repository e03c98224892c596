using System.Globalization;
using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.Cors;

namespace HybridGateway.DataPlane.Pipeline.Cors;

/// <summary>
/// cors, as Kong's: a preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered
/// here with 200 and the CORS headers, unless preflight_continue hands it to the upstream; any other
/// request goes upstream and its response gets Access-Control-Allow-Origin (and -Credentials,
/// -Expose-Headers) as it starts.
/// </summary>
public sealed class CorsHandler : PluginHandler
{
    private const string AllowOrigin = "Access-Control-Allow-Origin";
    private const string AllowCredentials = "Access-Control-Allow-Credentials";

    private readonly CorsConfig _config;
    private readonly bool _allowAll;
    private readonly CorsOrigins _origins;
    private readonly string _methods;
    private readonly string? _headers;
    private readonly string? _exposedHeaders;
    private readonly string? _maxAge;

    public CorsHandler(Plugin plugin, CorsConfig config)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        var origins = config.Origins ?? [];
        _allowAll = origins.Count == 0 || (origins.Count == 1 && origins[0] == "*");
        _origins = new CorsOrigins(origins.Where(o => o != "*"));
        _methods = string.Join(',', config.Methods);
        _headers = config.Headers is { Count: > 0 } headers ? string.Join(',', headers) : null;
        _exposedHeaders = config.ExposedHeaders is { Count: > 0 } exposed ? string.Join(',', exposed) : null;
        _maxAge = config.MaxAge is { } maxAge ? maxAge.ToString(CultureInfo.InvariantCulture) : null;
    }

    public override ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http;
        var headers = http.Request.Headers;
        var preflight = HttpMethods.IsOptions(http.Request.Method)
            && headers.ContainsKey("Origin")
            && headers.ContainsKey("Access-Control-Request-Method");
        if (!preflight)
        {
            http.Response.OnStarting(() =>
            {
                Decorate(http);
                if (_exposedHeaders is not null)
                {
                    http.Response.Headers["Access-Control-Expose-Headers"] = _exposedHeaders;
                }
                return Task.CompletedTask;
            });
            return ValueTask.FromResult(true);
        }
        if (_config.PreflightContinue)
        {
            return ValueTask.FromResult(true);
        }
        var response = http.Response;
        Decorate(http);
        if (_headers is not null)
        {
            response.Headers["Access-Control-Allow-Headers"] = _headers;
        }
        else if (headers.TryGetValue("Access-Control-Request-Headers", out var requested))
        {
            response.Headers["Access-Control-Allow-Headers"] = requested;
        }
        response.Headers["Access-Control-Allow-Methods"] = _methods;
        if (_maxAge is not null)
        {
            response.Headers["Access-Control-Max-Age"] = _maxAge;
        }
        if (_config.PrivateNetwork && headers["Access-Control-Request-Private-Network"] == "true")
        {
            response.Headers["Access-Control-Allow-Private-Network"] = "true";
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = 0;
        return ValueTask.FromResult(false);
    }

    /// <summary>Access-Control-Allow-Origin and -Credentials for the request's origin (Kong's configure_origin and configure_credentials).</summary>
    private void Decorate(HttpContext http)
    {
        var responseHeaders = http.Response.Headers;
        var origin = http.Request.Headers.Origin.ToString();
        if (_allowAll)
        {
            responseHeaders[AllowOrigin] = "*";
            if (_config.Credentials && origin.Length > 0)
            {
                // "*" cannot go with credentials: name the origin instead.
                AddVary(responseHeaders);
                responseHeaders[AllowOrigin] = origin;
                responseHeaders[AllowCredentials] = "true";
            }
            return;
        }
        AddVary(responseHeaders);
        if (origin.Length > 0 && _origins.Allows(origin))
        {
            responseHeaders[AllowOrigin] = origin;
        }
        else
        {
            responseHeaders.Remove(AllowOrigin);
        }
        if (_config.Credentials)
        {
            responseHeaders[AllowCredentials] = "true";
        }
    }

    private static void AddVary(IHeaderDictionary headers)
    {
        var vary = headers.Vary.ToString();
        if (!vary.Split(',', StringSplitOptions.TrimEntries).Contains("Origin", StringComparer.OrdinalIgnoreCase))
        {
            headers.Vary = vary.Length == 0 ? "Origin" : vary + ", Origin";
        }
    }
}
