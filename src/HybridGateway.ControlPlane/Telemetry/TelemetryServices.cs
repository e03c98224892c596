using HybridGateway.ControlPlane.Hosting;
using HybridGateway.Hosting;

namespace HybridGateway.ControlPlane.Telemetry;

/// <summary>
/// The control plane's OpenTelemetry: its spans (Admin writes, sends, NACKs, snapshot builds) and
/// the meter <c>HybridGateway.ControlPlane</c>, exported over OTLP when the standard variables say
/// where (see <see cref="OtlpTelemetry"/>).
/// </summary>
public static class TelemetryServices
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ControlPlaneMeter>();
        var options = builder.Configuration.GetSection(ControlPlaneOptions.Section).Get<ControlPlaneOptions>() ?? new ControlPlaneOptions();
        return builder.AddOtlpTelemetry(new OtlpTelemetrySetup
        {
            ServiceName = "hybridgateway-control-plane",
            ServiceVersion = HybridGateway.Sync.SyncProtocol.SoftwareVersion,
            Role = "control_plane",
            InstanceId = options.NodeName,
            ActivitySources = [ControlPlaneTracing.SourceName],
            Meters = [ControlPlaneMeter.MeterName],
        });
    }
}
