using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Proxy;
using HybridGateway.Plugins.RequestSizeLimiting;

namespace HybridGateway.DataPlane.Pipeline.RequestSizeLimiting;

/// <summary>
/// request-size-limiting's access phase, as Kong's: a Content-Length over the limit gets 413
/// "Request size limit exceeded" (417 when the client waits for 100-continue), and a missing one
/// gets 411 when require_content_length is set. A body without a declared length (chunked, or
/// HTTP/2 without content-length) is not buffered as Kong does: it is read through
/// <see cref="LimitedRequestBody"/>, so reading past the limit fails and the proxy answers 413
/// (see <see cref="ProxyMiddleware"/>).
/// </summary>
public sealed class RequestSizeLimitingHandler : PluginHandler
{
    public static readonly byte[] TooLarge = ProxyResponses.Body("Request size limit exceeded");
    public static readonly byte[] LengthRequired = ProxyResponses.Body("A valid Content-Length header is required");

    private readonly long _allowedBytes;
    private readonly bool _requireContentLength;

    public RequestSizeLimitingHandler(Plugin plugin, RequestSizeLimitingConfig config)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        _allowedBytes = config.AllowedPayloadSize * config.SizeUnit switch
        {
            "megabytes" => 1L << 20,
            "kilobytes" => 1L << 10,
            _ => 1L,
        };
        _requireContentLength = config.RequireContentLength;
    }

    public override async ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http;
        var chunked = http.Request.Headers.ContainsKey("Transfer-Encoding");
        if (http.Request.ContentLength is { } length && !chunked)
        {
            if (length <= _allowedBytes)
            {
                return true;
            }
            var expectsContinue = string.Equals(http.Request.Headers.Expect.ToString(), "100-continue", StringComparison.OrdinalIgnoreCase);
            await ProxyResponses.WriteAsync(http, expectsContinue ? StatusCodes.Status417ExpectationFailed : StatusCodes.Status413PayloadTooLarge, TooLarge);
            return false;
        }
        if (_requireContentLength)
        {
            await ProxyResponses.WriteAsync(http, StatusCodes.Status411LengthRequired, LengthRequired);
            return false;
        }
        http.Request.Body = new LimitedRequestBody(http.Request.Body, _allowedBytes);
        return true;
    }
}
