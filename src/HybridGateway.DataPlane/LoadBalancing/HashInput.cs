using HybridGateway.Configuration.Entities;

namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// An upstream's <c>hash_on</c> and <c>hash_fallback</c> compiled: what a request is hashed on,
/// tried in that order. A request that has neither gets a value that changes every time, so it is
/// spread like round-robin. With <c>hash_on: cookie</c> and no cookie, a new value is made, hashed
/// and set on the response (path <c>hash_on_cookie_path</c>), as Kong does.
/// </summary>
public sealed class HashInput
{
    private readonly (string Kind, string? Name) _on;
    private readonly (string Kind, string? Name) _fallback;
    private readonly string _cookiePath;
    private long _spread;

    public HashInput(Upstream upstream)
    {
        _on = (upstream.HashOn, NameFor(upstream.HashOn, upstream.HashOnHeader, upstream.HashOnCookie, upstream.HashOnQueryArg, upstream.HashOnUriCapture));
        _fallback = (upstream.HashFallback, NameFor(upstream.HashFallback, upstream.HashFallbackHeader, upstream.HashOnCookie, upstream.HashFallbackQueryArg, upstream.HashFallbackUriCapture));
        _cookiePath = upstream.HashOnCookiePath;
    }

    public bool Hashes => _on.Kind != "none";

    public ulong Hash(in BalanceRequest request)
    {
        var value = Value(_on, request) ?? Value(_fallback, request);
        if (value is null && _on.Kind == "cookie" && _on.Name is { } cookie)
        {
            value = Guid.NewGuid().ToString("N");
            var header = cookie + "=" + value + "; Path=" + _cookiePath;
            var response = request.Context.Response;
            // After the forwarder has copied the upstream's headers, so that theirs cannot replace it.
            response.OnStarting(() =>
            {
                response.Headers.Append("Set-Cookie", header);
                return Task.CompletedTask;
            });
        }
        return value is null ? RingHash.Mix((ulong)Interlocked.Increment(ref _spread)) : RingHash.Of(value);
    }

    private static string? Value((string Kind, string? Name) input, in BalanceRequest request)
    {
        var http = request.Context.Request;
        var value = input.Kind switch
        {
            "consumer" => request.Consumer?.Id.ToString(),
            "ip" => request.Client?.ToString(),
            "header" => http.Headers[input.Name!].ToString(),
            "cookie" => http.Cookies[input.Name!],
            "path" => request.Path,
            "query_arg" => http.Query[input.Name!].ToString(),
            "uri_capture" => request.RegexMatch?.Groups[input.Name!] is { Success: true } group ? group.Value : null,
            _ => null,
        };
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string? NameFor(string kind, string? header, string? cookie, string? queryArg, string? uriCapture) => kind switch
    {
        "header" => header,
        "cookie" => cookie,
        "query_arg" => queryArg,
        "uri_capture" => uriCapture,
        _ => null,
    };
}
