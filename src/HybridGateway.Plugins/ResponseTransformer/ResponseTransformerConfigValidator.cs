using System.Globalization;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.ResponseTransformer;

/// <summary>Entries that set something are written "name:value"; no value may hold CR or LF.</summary>
public sealed class ResponseTransformerConfigValidator : IPluginConfigValidator<ResponseTransformerConfig>
{
    public void Validate(ResponseTransformerConfig config, FieldErrors errors)
    {
        CheckPairs(config.Rename.Headers, errors.Child("rename").Child("headers"));
        CheckPairs(config.Rename.Json, errors.Child("rename").Child("json"));
        foreach (var (name, list) in new[] { ("replace", config.Replace), ("add", config.Add), ("append", config.Append) })
        {
            CheckPairs(list.Headers, errors.Child(name).Child("headers"));
            CheckPairs(list.Json, errors.Child(name).Child("json"));
        }
        errors.Prune();
    }

    private static void CheckPairs(IReadOnlyList<string> entries, FieldErrors errors)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                errors.Add(i.ToString(CultureInfo.InvariantCulture), "must not contain CR or LF");
            }
            else if (entries[i].IndexOf(':', StringComparison.Ordinal) <= 0)
            {
                errors.Add(i.ToString(CultureInfo.InvariantCulture), "invalid value: " + entries[i] + " (expected name:value)");
            }
        }
    }
}
