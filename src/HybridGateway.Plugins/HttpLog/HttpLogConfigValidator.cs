using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;
using HybridGateway.Plugins.Logging;

namespace HybridGateway.Plugins.HttpLog;

/// <summary>As Kong's: an http(s) endpoint; no Host, Content-Length or Content-Type among the headers; credentials either in the URL or in an Authorization header, not both.</summary>
public sealed class HttpLogConfigValidator : IPluginConfigValidator<HttpLogConfig>
{
    public void Validate(HttpLogConfig config, FieldErrors errors)
    {
        var endpoint = LogConfigChecks.Endpoint("http_endpoint", config.HttpEndpoint, errors);
        LogConfigChecks.Headers(config.Headers, errors, "Host", "Content-Length", "Content-Type");
        if (endpoint is { UserInfo.Length: > 0 } && config.Headers?.Keys.Any(k => k.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) == true)
        {
            errors.Add("@entity", "specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed");
        }
        LogConfigChecks.NoLua(config.CustomFieldsByLua, errors);
        if (config.QueueSize is < 1 or > 1_000_000)
        {
            errors.Add("queue_size", "value should be between 1 and 1000000");
        }
        if (config.FlushTimeout is < 0 or > 3600)
        {
            errors.Add("flush_timeout", "value should be between 0 and 3600");
        }
    }
}
