using HybridGateway.Configuration.Entities;

namespace HybridGateway.DataPlane.Health;

/// <summary>
/// An upstream's <c>healthchecks</c> compiled once per config version: the thresholds of each
/// kind of report and the status sets, for the proxy (passive) and the prober (active).
/// </summary>
public sealed class HealthRules
{
    public HealthRules(Healthchecks checks)
    {
        Checks = checks;
        var active = checks.Active;
        var passive = checks.Passive;
        ActiveHealthy = new StatusSet(active.Healthy.HttpStatuses);
        ActiveUnhealthy = new StatusSet(active.Unhealthy.HttpStatuses);
        PassiveHealthy = new StatusSet(passive.Healthy.HttpStatuses);
        PassiveUnhealthy = new StatusSet(passive.Unhealthy.HttpStatuses);
        ActiveEnabled = active.Healthy.Interval > 0 || active.Unhealthy.Interval > 0;
        PassiveEnabled = passive.Healthy.Successes > 0 || passive.Unhealthy.HttpFailures > 0
            || passive.Unhealthy.TcpFailures > 0 || passive.Unhealthy.Timeouts > 0;
        Active = new Thresholds(active.Healthy.Successes, active.Unhealthy.HttpFailures, active.Unhealthy.TcpFailures, active.Unhealthy.Timeouts);
        Passive = new Thresholds(passive.Healthy.Successes, passive.Unhealthy.HttpFailures, passive.Unhealthy.TcpFailures, passive.Unhealthy.Timeouts);
    }

    public static HealthRules Off { get; } = new(new Healthchecks());

    public Healthchecks Checks { get; }

    /// <summary>Whether health counts at all: with both off every target is taken as healthy (Kong's healthchecks_off).</summary>
    public bool Enabled => ActiveEnabled || PassiveEnabled;

    public bool ActiveEnabled { get; }

    public bool PassiveEnabled { get; }

    public StatusSet ActiveHealthy { get; }

    public StatusSet ActiveUnhealthy { get; }

    public StatusSet PassiveHealthy { get; }

    public StatusSet PassiveUnhealthy { get; }

    public Thresholds Active { get; }

    public Thresholds Passive { get; }

    /// <summary>How many reports of each kind change a target's state; 0 turns that kind off.</summary>
    public readonly record struct Thresholds(int Successes, int HttpFailures, int TcpFailures, int Timeouts);
}
