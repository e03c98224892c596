using System.Globalization;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.Cors;

/// <summary>Allowed and exposed headers must be valid header names; '*' is allowed for origins.</summary>
public sealed class CorsConfigValidator : IPluginConfigValidator<CorsConfig>
{
    public void Validate(CorsConfig config, FieldErrors errors)
    {
        CheckHeaders(config.Headers, errors.Child("headers"));
        CheckHeaders(config.ExposedHeaders, errors.Child("exposed_headers"));
        errors.Prune();
    }

    private static void CheckHeaders(IReadOnlyList<string>? headers, FieldErrors errors)
    {
        for (var i = 0; headers is not null && i < headers.Count; i++)
        {
            if (headers[i] != "*" && !HeaderNames.IsValid(headers[i]))
            {
                errors.Add(i.ToString(CultureInfo.InvariantCulture), HeaderNames.Invalid(headers[i]));
            }
        }
    }
}
