using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.RequestTermination;

/// <summary>A message, a raw body and echo exclude each other; a content type needs a body.</summary>
public sealed class RequestTerminationConfigValidator : IPluginConfigValidator<RequestTerminationConfig>
{
    public void Validate(RequestTerminationConfig config, FieldErrors errors)
    {
        if (config.Message is not null && config.Body is not null)
        {
            errors.Add("message", "message cannot be used with content_type or body");
        }
        if (config.ContentType is not null && config.Body is null)
        {
            errors.Add("content_type", "content_type requires a body");
        }
        if (config.ContentType is { } type && !type.All(c => c is '\t' or (>= ' ' and <= '~')))
        {
            errors.Add("content_type", "must be a valid header value: printable ASCII, no line breaks");
        }
        if (config.Echo && (config.ContentType is not null || config.Body is not null))
        {
            errors.Add("echo", "echo cannot be used with content_type and body");
        }
    }
}
