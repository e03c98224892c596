using System.Globalization;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.Cors;

/// <summary>Allowed and exposed headers must be valid header names; '*' is allowed for origins.</summary>
public sealed class CorsConfigValidator : IPluginConfigValidator<CorsConfig>
{
    public void Validate(CorsConfig config, FieldErrors errors)
    {
        CheckOrigins(config.Origins, errors.Child("origins"));
        CheckHeaders(config.Headers, errors.Child("headers"));
        CheckHeaders(config.ExposedHeaders, errors.Child("exposed_headers"));
        errors.Prune();
    }

    /// <summary>An origin with characters other than letters, digits and <c>.:/-</c> is a regex (as in Kong): it must compile.</summary>
    private static void CheckOrigins(IReadOnlyList<string>? origins, FieldErrors errors)
    {
        for (var i = 0; origins is not null && i < origins.Count; i++)
        {
            var origin = origins[i];
            if (origin == "*" || origin.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or ':' or '/' or '-'))
            {
                continue;
            }
            try
            {
                _ = new System.Text.RegularExpressions.Regex(origin, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException e)
            {
                errors.Add(i.ToString(CultureInfo.InvariantCulture), "invalid regex: " + e.Message);
            }
        }
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
