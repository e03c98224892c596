using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.RequestSizeLimiting;

/// <summary>The limit in bytes must fit in a 64-bit length.</summary>
public sealed class RequestSizeLimitingConfigValidator : IPluginConfigValidator<RequestSizeLimitingConfig>
{
    public void Validate(RequestSizeLimitingConfig config, FieldErrors errors)
    {
        if (config.AllowedPayloadSize == 0 && config.SizeUnit != "bytes")
        {
            errors.Add("allowed_payload_size", "value should be between 1 and 2147483647");
        }
    }
}
