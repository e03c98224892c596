using Yarp.ReverseProxy.Forwarder;

namespace HybridGateway.DataPlane.Health;

/// <summary>What one proxied request says about its target under passive checks.</summary>
public static class PassiveReports
{
    public static HealthReport From(ForwarderError error, int status, HealthRules rules) => error switch
    {
        ForwarderError.None => rules.PassiveHealthy.Contains(status) ? HealthReport.Success
            : rules.PassiveUnhealthy.Contains(status) ? HealthReport.HttpFailure
            : HealthReport.None,
        ForwarderError.RequestTimedOut => HealthReport.Timeout,
        // The client went away or broke its body: nothing to hold against the target.
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
            or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient or ForwarderError.UpgradeRequestCanceled
            or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient => HealthReport.None,
        _ => HealthReport.TcpFailure,
    };
}
