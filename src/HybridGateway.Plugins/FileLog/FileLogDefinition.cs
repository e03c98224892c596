using HybridGateway.Configuration.Plugins;

namespace HybridGateway.Plugins.FileLog;

/// <summary>file-log: appends each request's log entry (Kong's serializer) to a file, one JSON line per request.</summary>
public sealed class FileLogDefinition : PluginDefinition<FileLogConfig, FileLogConfigValidator>
{
    public override string Name => "file-log";

    public override int Priority => 9;
}
