using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.CorrelationId;

/// <summary>The header name must be a valid header name.</summary>
public sealed class CorrelationIdConfigValidator : IPluginConfigValidator<CorrelationIdConfig>
{
    public void Validate(CorrelationIdConfig config, FieldErrors errors)
    {
        if (!HeaderNames.IsValid(config.HeaderName))
        {
            errors.Add("header_name", HeaderNames.Invalid(config.HeaderName));
        }
    }
}
