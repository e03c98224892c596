using System.Globalization;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.RateLimiting;

/// <summary>At least one window, every limit positive, longer windows never allow less, and each limit_by has what it needs.</summary>
public sealed class RateLimitingConfigValidator : IPluginConfigValidator<RateLimitingConfig>
{
    public void Validate(RateLimitingConfig config, FieldErrors errors)
    {
        (string Name, double? Limit)[] windows =
        [
            ("second", config.Second), ("minute", config.Minute), ("hour", config.Hour),
            ("day", config.Day), ("month", config.Month), ("year", config.Year),
        ];
        if (windows.All(w => w.Limit is null))
        {
            errors.Add("@entity", "at least one of these fields must be non-empty: 'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'");
        }
        (string Name, double Limit)? shorter = null;
        foreach (var (name, limit) in windows)
        {
            if (limit is not { } value)
            {
                continue;
            }
            if (value <= 0)
            {
                errors.Add(name, "value must be greater than 0");
                continue;
            }
            if (shorter is { } s && value < s.Limit)
            {
                errors.Add(name, string.Create(CultureInfo.InvariantCulture,
                    $"The limit for {name}({value:0.0}) cannot be lower than the limit for {s.Name}({s.Limit:0.0})"));
            }
            shorter = (name, value);
        }
        if (config.LimitBy == "header" && string.IsNullOrEmpty(config.HeaderName))
        {
            errors.Add("header_name", "required field missing when 'limit_by' is 'header'");
        }
        if (config.LimitBy == "path" && string.IsNullOrEmpty(config.Path))
        {
            errors.Add("path", "required field missing when 'limit_by' is 'path'");
        }
        if (config.LimitBy == "consumer-group")
        {
            errors.Add("limit_by", "consumer groups are not supported (this gateway has no consumer_groups entity)");
        }
    }
}
