using System.Globalization;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.RequestTransformer;

/// <summary>Entries that set something are written "name:value"; header names must be valid; no value may hold CR or LF.</summary>
public sealed class RequestTransformerConfigValidator : IPluginConfigValidator<RequestTransformerConfig>
{
    public void Validate(RequestTransformerConfig config, FieldErrors errors)
    {
        if (config.HttpMethod is { } method && (method.Length == 0 || !method.All(char.IsAsciiLetterUpper)))
        {
            errors.Add("http_method", "invalid value: " + method);
        }
        CheckPairs(config.Rename, "rename", errors);
        CheckPairs(config.Add, "add", errors);
        CheckPairs(config.Append, "append", errors);
        CheckPairs(new RequestTransformerList { Headers = config.Replace.Headers, Querystring = config.Replace.Querystring, Body = config.Replace.Body }, "replace", errors);
        CheckHeaderNames(config.Remove.Headers, errors.Child("remove").Child("headers"));
        if (config.Replace.Uri is { } uri && (uri.AsSpan().IndexOfAny('\r', '\n') >= 0 || uri.Contains('?', StringComparison.Ordinal)))
        {
            errors.Child("replace").Add("uri", "must be a path, without CR, LF or a query string");
        }
        errors.Prune();
    }

    private static void CheckPairs(RequestTransformerList list, string operation, FieldErrors errors)
    {
        var node = errors.Child(operation);
        Check(list.Headers, node.Child("headers"), header: true);
        Check(list.Querystring, node.Child("querystring"), header: false);
        Check(list.Body, node.Child("body"), header: false);
    }

    private static void Check(IReadOnlyList<string> entries, FieldErrors errors, bool header)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var colon = entries[i].IndexOf(':', StringComparison.Ordinal);
            var index = i.ToString(CultureInfo.InvariantCulture);
            if (entries[i].AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                // A value with a line break would split a header (or smuggle one) upstream.
                errors.Add(index, "must not contain CR or LF");
            }
            else if (colon <= 0)
            {
                errors.Add(index, "invalid value: " + entries[i] + " (expected name:value)");
            }
            else if (header && !HeaderNames.IsValid(entries[i][..colon]))
            {
                errors.Add(index, HeaderNames.Invalid(entries[i][..colon]));
            }
        }
    }

    private static void CheckHeaderNames(IReadOnlyList<string> names, FieldErrors errors)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (!HeaderNames.IsValid(names[i]))
            {
                errors.Add(i.ToString(CultureInfo.InvariantCulture), HeaderNames.Invalid(names[i]));
            }
        }
    }
}
