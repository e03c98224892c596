using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.Logging;

/// <summary>Checks the log plugins share: endpoints, extra headers, and Kong's Lua fields, which this gateway cannot run.</summary>
internal static class LogConfigChecks
{
    /// <summary>An absolute http or https URL with a host.</summary>
    public static Uri? Endpoint(string field, string? url, FieldErrors errors)
    {
        if (url is null)
        {
            return null;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            errors.Add(field, "must be an http or https URL with a host, such as http://collector:4318/v1/traces");
            return null;
        }
        return uri;
    }

    /// <summary>Header names as Kong's header_name; values on one line; none that the plugin sets itself.</summary>
    public static void Headers(IReadOnlyDictionary<string, string>? headers, FieldErrors errors, params string[] reserved)
    {
        if (headers is null)
        {
            return;
        }
        foreach (var (name, value) in headers)
        {
            if (!HeaderNames.IsValid(name))
            {
                errors.Add("headers", HeaderNames.Invalid(name));
            }
            else if (reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add("headers", "cannot contain '" + reserved.First(r => r.Equals(name, StringComparison.OrdinalIgnoreCase)) + "' header");
            }
            if (value.Any(c => c is '\r' or '\n' or '\0'))
            {
                errors.Add("headers", "the value of '" + name + "' must be on one line");
            }
        }
    }

    public static void NoLua(IReadOnlyDictionary<string, string>? customFields, FieldErrors errors)
    {
        if (customFields is { Count: > 0 })
        {
            errors.Add("custom_fields_by_lua", "not supported: this gateway runs no Lua");
        }
    }
}
