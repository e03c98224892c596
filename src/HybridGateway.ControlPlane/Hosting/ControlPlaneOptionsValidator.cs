using HybridGateway.Hosting;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.Hosting;

/// <summary>Refuses to start with settings that cannot work, naming each one.</summary>
public sealed class ControlPlaneOptionsValidator : IValidateOptions<ControlPlaneOptions>
{
    public ValidateOptionsResult Validate(string? name, ControlPlaneOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("ControlPlane:ConnectionString is required (a PostgreSQL connection string).");
        }
        if (!ListenAddress.TryParse(options.AdminListen, out _))
        {
            failures.Add("ControlPlane:AdminListen must be host:port, got '" + options.AdminListen + "'.");
        }
        if (!ListenAddress.TryParse(options.ClusterListen, out _))
        {
            failures.Add("ControlPlane:ClusterListen must be host:port, got '" + options.ClusterListen + "'.");
        }
        if (!ListenAddress.TryParse(options.Counters.SiloListen, out _))
        {
            failures.Add("ControlPlane:Counters:SiloListen must be host:port, got '" + options.Counters.SiloListen + "'.");
        }
        if (options.Counters.Membership is not (Counters.CountersOptions.LocalhostMembership or Counters.CountersOptions.PostgresMembership))
        {
            failures.Add("ControlPlane:Counters:Membership must be 'localhost' or 'postgres', got '" + options.Counters.Membership + "'.");
        }
        if (string.IsNullOrWhiteSpace(options.Counters.ClusterId))
        {
            failures.Add("ControlPlane:Counters:ClusterId must not be empty.");
        }
        if (options.MaxDeclarativeBytes < 1024)
        {
            failures.Add("ControlPlane:MaxDeclarativeBytes must be at least 1024.");
        }
        var tls = options.ClusterTls;
        if (tls.IsConfigured)
        {
            foreach (var (setting, path) in new[] { ("CertificatePath", tls.CertificatePath), ("KeyPath", tls.KeyPath), ("ClientCaPath", tls.ClientCaPath) })
            {
                if (string.IsNullOrEmpty(path) || !File.Exists(path))
                {
                    failures.Add("ControlPlane:ClusterTls:" + setting + " must name an existing PEM file, got '" + path + "'.");
                }
            }
        }
        else if (!options.AllowInsecureCluster)
        {
            failures.Add("The cluster port needs mTLS (ControlPlane:ClusterTls:CertificatePath, KeyPath, ClientCaPath), or ControlPlane:AllowInsecureCluster=true for loopback development.");
        }
        else if (ListenAddress.TryParse(options.ClusterListen, out var cluster) && !System.Net.IPAddress.IsLoopback(cluster!.Address))
        {
            failures.Add("ControlPlane:AllowInsecureCluster is only accepted when ControlPlane:ClusterListen is a loopback address, got '" + options.ClusterListen + "'.");
        }
        if (options.AdminGrpcListen.Length > 0
            && (!ListenAddress.TryParse(options.AdminGrpcListen, out var adminGrpc) || !System.Net.IPAddress.IsLoopback(adminGrpc!.Address)))
        {
            failures.Add("ControlPlane:AdminGrpcListen serves cleartext and must be a loopback host:port (or empty to turn it off), got '" + options.AdminGrpcListen
                + "'. Use ControlPlane:AdminTlsListen with ControlPlane:AdminTls for other addresses.");
        }
        if (options.AdminTls.IsConfigured)
        {
            if (!ListenAddress.TryParse(options.AdminTlsListen, out _))
            {
                failures.Add("ControlPlane:AdminTlsListen must be host:port, got '" + options.AdminTlsListen + "'.");
            }
            foreach (var (setting, path) in new[] { ("CertificatePath", options.AdminTls.CertificatePath), ("KeyPath", options.AdminTls.KeyPath) })
            {
                if (string.IsNullOrEmpty(path) || !File.Exists(path))
                {
                    failures.Add("ControlPlane:AdminTls:" + setting + " must name an existing PEM file, got '" + path + "'.");
                }
            }
        }
        if (options.MaxConcurrentSnapshots < 1)
        {
            failures.Add("ControlPlane:MaxConcurrentSnapshots must be at least 1.");
        }
        if (options.DatabaseProbeIntervalMs is < 50 or > 60_000)
        {
            failures.Add("ControlPlane:DatabaseProbeIntervalMs must be between 50 and 60000.");
        }
        if (options.DatabaseProbeTimeoutMs is < 100 or > 60_000)
        {
            failures.Add("ControlPlane:DatabaseProbeTimeoutMs must be between 100 and 60000.");
        }
        if (options.SyncWriteTimeoutMs is < 100 or > 600_000)
        {
            failures.Add("ControlPlane:SyncWriteTimeoutMs must be between 100 and 600000.");
        }
        if (options.ConfigAnswerTimeoutMs is < 100 or > 3_600_000)
        {
            failures.Add("ControlPlane:ConfigAnswerTimeoutMs must be between 100 and 3600000.");
        }
        if (options.DataPlanePurgeDelaySeconds < 1)
        {
            failures.Add("ControlPlane:DataPlanePurgeDelaySeconds must be at least 1.");
        }
        if (options.HeartbeatIntervalMs is < 100 or > 300_000)
        {
            failures.Add("ControlPlane:HeartbeatIntervalMs must be between 100 and 300000.");
        }
        if (options.BootstrapAdminToken is { Length: > 0 and < 16 })
        {
            failures.Add("ControlPlane:BootstrapAdminToken must be at least 16 characters.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
