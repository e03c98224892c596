using HybridGateway.DataPlane.LoadBalancing;

namespace HybridGateway.DataPlane.Health;

/// <summary>Where a target's health change is told: one log line (why, and whether a probe or real traffic said so).</summary>
public sealed partial class HealthEvents(ILogger<HealthEvents> logger)
{
    public static HealthEvents Silent { get; } = new(Microsoft.Extensions.Logging.Abstractions.NullLogger<HealthEvents>.Instance);

    public void Report(TargetState target, HealthReport report, HealthRules.Thresholds thresholds, string source)
    {
        if (target.Health.Report(report, thresholds))
        {
            Changed(target, source);
        }
    }

    public void Changed(TargetState target, string source)
    {
        if (target.Health.Healthy)
        {
            LogHealthy(logger, target.Address, target.Upstream, target.Health.LastChange, source);
        }
        else
        {
            LogUnhealthy(logger, target.Address, target.Upstream, target.Health.LastChange, source);
        }
    }

    [LoggerMessage(EventId = 5501, Level = LogLevel.Warning, Message = "Target {Target} of upstream {Upstream} is unhealthy: {Reason} ({Source})")]
    private static partial void LogUnhealthy(ILogger logger, string target, string upstream, string reason, string source);

    [LoggerMessage(EventId = 5502, Level = LogLevel.Information, Message = "Target {Target} of upstream {Upstream} is healthy again: {Reason} ({Source})")]
    private static partial void LogHealthy(ILogger logger, string target, string upstream, string reason, string source);
}
