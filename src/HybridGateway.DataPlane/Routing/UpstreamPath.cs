namespace HybridGateway.DataPlane.Routing;

/// <summary>The path sent upstream: Kong's joining of service path and request path for
/// <c>path_handling</c> v0 and v1, with or without <c>strip_path</c>.</summary>
/// <remarks>
/// v0 joins the parts as segments (<c>/s</c> + <c>req</c> = <c>/s/req</c>); v1 treats the service path as a
/// plain prefix (<c>/s</c> + <c>req</c> = <c>/sreq</c>). Both drop the double slash that joining would make.
/// The rules and their test table follow Kong's <c>router/utils.lua</c> and <c>router_path_handling_tests</c>.
/// </remarks>
public static class UpstreamPath
{
    private const string V1 = "v1";

    /// <param name="servicePath">The service's path; null or empty means "/".</param>
    /// <param name="normalizedPath">The request path after <see cref="PathNormalizer.Normalize"/>.</param>
    /// <param name="matchedLength">Characters of <paramref name="normalizedPath"/> the route's path matched;
    /// 0 when the route matched on something other than a path.</param>
    /// <param name="stripPath">The route's <c>strip_path</c>.</param>
    /// <param name="pathHandling">The route's <c>path_handling</c>: "v1", otherwise v0.</param>
    public static string Build(string? servicePath, string normalizedPath, int matchedLength, bool stripPath, string pathHandling)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);
        var basePath = string.IsNullOrEmpty(servicePath) ? "/" : servicePath;
        var request = normalizedPath.Length == 0 ? "/" : normalizedPath;
        // Without a path match Kong takes the whole request minus its leading slash, which is what
        // matching the leading "/" alone leaves.
        var postfix = SanitizePostfix(request.AsSpan(Math.Clamp(matchedLength, 1, request.Length)));
        return string.Equals(pathHandling, V1, StringComparison.Ordinal)
            ? BuildV1(basePath, request, postfix, stripPath)
            : BuildV0(basePath, request, postfix, stripPath);
    }

    private static string BuildV1(string basePath, string request, ReadOnlySpan<char> postfix, bool stripPath)
    {
        if (!stripPath)
        {
            return string.Concat(basePath, request.AsSpan(1));
        }
        return basePath.EndsWith('/') && postfix.StartsWith('/')
            ? string.Concat(basePath.AsSpan(0, basePath.Length - 1), postfix)
            : string.Concat(basePath, postfix);
    }

    private static string BuildV0(string basePath, string request, ReadOnlySpan<char> postfix, bool stripPath)
    {
        if (basePath.EndsWith('/'))
        {
            if (!stripPath)
            {
                return string.Concat(basePath, request.AsSpan(1));
            }
            if (postfix.IsEmpty)
            {
                return basePath.Length == 1 || request.EndsWith('/') ? basePath : basePath[..^1];
            }
            return postfix.StartsWith('/')
                ? string.Concat(basePath.AsSpan(0, basePath.Length - 1), postfix)
                : string.Concat(basePath, postfix);
        }
        if (!stripPath)
        {
            return request.Length == 1 ? basePath : string.Concat(basePath, request);
        }
        if (postfix.IsEmpty)
        {
            return request.Length > 1 && request.EndsWith('/') ? basePath + "/" : basePath;
        }
        return postfix.StartsWith('/')
            ? string.Concat(basePath, postfix)
            : string.Concat(basePath, "/", postfix);
    }

    /// <summary>A prefix can end inside a segment (<c>/foo</c> matching <c>/foo../x</c>); the "../" left over
    /// must not reach the upstream, where it would climb out of the service path.</summary>
    private static ReadOnlySpan<char> SanitizePostfix(ReadOnlySpan<char> postfix)
    {
        if (postfix is "." or "..")
        {
            return [];
        }
        if (postfix.StartsWith("./", StringComparison.Ordinal))
        {
            return postfix[2..];
        }
        return postfix.StartsWith("../", StringComparison.Ordinal) ? postfix[3..] : postfix;
    }
}
