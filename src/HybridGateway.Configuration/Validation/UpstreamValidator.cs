using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>Upstream rules: a hostname for a name, and the hash settings that each hash_on needs.</summary>
public sealed class UpstreamValidator : EntityValidator<Upstream>
{
    protected override void Validate(Upstream upstream, FieldErrors errors)
    {
        if (!Hostnames.IsValidName(upstream.Name) || Hostnames.IsIpAddress(upstream.Name))
        {
            errors.Add("name", "Invalid name ('" + upstream.Name + "'); must be a valid hostname");
        }
        CheckHashInput(upstream.HashOn, "hash_on", upstream.HashOnHeader, upstream.HashOnCookie,
            upstream.HashOnQueryArg, upstream.HashOnUriCapture, "hash_on", errors);
        CheckHashInput(upstream.HashFallback, "hash_fallback", upstream.HashFallbackHeader, upstream.HashOnCookie,
            upstream.HashFallbackQueryArg, upstream.HashFallbackUriCapture, "hash_fallback", errors);
        if (upstream.HashOn == "none" && upstream.HashFallback != "none")
        {
            errors.Add("hash_fallback", "must be 'none' when 'hash_on' is 'none'");
        }
        if (upstream.HashOn != "none" && upstream.HashOn == upstream.HashFallback
            && upstream.HashOn is not ("header" or "query_arg" or "uri_capture"))
        {
            errors.Add("hash_fallback", "must be different from 'hash_on'");
        }
        if (upstream.HashOn == "cookie" && upstream.HashFallback != "none")
        {
            errors.Add("hash_fallback", "must be 'none' when 'hash_on' is 'cookie'");
        }
        if (upstream.HashOnHeader is not null && upstream.HashOnHeader == upstream.HashFallbackHeader)
        {
            errors.Add("@entity", "values of these fields must be distinct: 'hash_on_header', 'hash_fallback_header'");
        }
    }

    private static void CheckHashInput(
        string on, string field, string? header, string? cookie, string? queryArg, string? uriCapture, string prefix, FieldErrors errors)
    {
        var (required, value) = on switch
        {
            "header" => (prefix + "_header", header),
            "cookie" => ("hash_on_cookie", cookie),
            "query_arg" => (prefix + "_query_arg", queryArg),
            "uri_capture" => (prefix + "_uri_capture", uriCapture),
            _ => (null, null),
        };
        if (required is not null && string.IsNullOrEmpty(value))
        {
            errors.Add(required, "required field missing when '" + field + "' is '" + on + "'");
        }
    }
}
