using Microsoft.Extensions.Logging.Abstractions;

namespace HybridGateway.DataPlane.Pipeline.Logging;

/// <summary>What the log plugins' runtimes use: the shared log files, the clock, loggers, the node's default sampling rate and its id.</summary>
public sealed record LogPluginServices(LogFiles Files, TimeProvider Clock, ILoggerFactory Loggers, double DefaultSamplingRate, string? NodeId)
{
    /// <summary>Kong's default tracing_sampling_rate.</summary>
    public const double KongSamplingRate = 0.01;

    public static LogPluginServices Default { get; } = new(new LogFiles(), TimeProvider.System, NullLoggerFactory.Instance, KongSamplingRate, null);
}
