using HybridGateway.DataPlane.Hosting;
using HybridGateway.Hosting;

namespace HybridGateway.DataPlane.Telemetry;

/// <summary>
/// The data plane's OpenTelemetry: proxy spans (with System.Net.Http's span for each upstream
/// attempt under them) and the meter <c>HybridGateway.DataPlane</c>, exported over OTLP when the
/// standard variables say where (see <see cref="OtlpTelemetry"/>).
/// </summary>
public static class TelemetryServices
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ProxyMeter>();
        if (OtlpTelemetry.ExportsMetrics(builder.Configuration))
        {
            builder.Services.AddSingleton<NodeMeter>();
            builder.Services.AddHostedService<NodeMeterStarter>();
        }
        var options = builder.Configuration.GetSection(DataPlaneOptions.Section).Get<DataPlaneOptions>() ?? new DataPlaneOptions();
        return builder.AddOtlpTelemetry(new OtlpTelemetrySetup
        {
            ServiceName = "hybridgateway-data-plane",
            ServiceVersion = HybridGateway.Sync.SyncProtocol.SoftwareVersion,
            Role = "data_plane",
            InstanceId = options.NodeId,
            Labels = options.Labels,
            ActivitySources = [ProxyTracing.SourceName, "System.Net.Http"],
            Meters = [ProxyMeter.MeterName],
        });
    }

    /// <summary>Creates the node's observable instruments once the host starts.</summary>
    private sealed class NodeMeterStarter(NodeMeter meter) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(meter);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
