using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.HttpLog;

/// <summary>http-log: sends each request's log entry (Kong's serializer) to an HTTP endpoint, batched, with retries.</summary>
public sealed class HttpLogDefinition : PluginDefinition<HttpLogConfig, HttpLogConfigValidator>
{
    public override string Name => "http-log";

    public override int Priority => 12;
}
