using System.Net;
using HybridGateway.Hosting;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.Hosting;

/// <summary>Refuses to start with settings that cannot work, naming each one.</summary>
public sealed class DataPlaneOptionsValidator : IValidateOptions<DataPlaneOptions>
{
    public ValidateOptionsResult Validate(string? name, DataPlaneOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ControlPlane, UriKind.Absolute, out var controlPlane) || controlPlane.Scheme is not ("http" or "https"))
        {
            failures.Add("DataPlane:ControlPlane must be an http(s) URL of the cluster port, got '" + options.ControlPlane + "'.");
        }
        else if (controlPlane.Scheme == "http" && !IsLoopback(controlPlane))
        {
            failures.Add("DataPlane:ControlPlane uses cleartext http to a non-loopback address; use https with DataPlane:Tls (mTLS).");
        }
        else if (controlPlane.Scheme == "https" && (!options.Tls.IsConfigured || string.IsNullOrEmpty(options.Tls.KeyPath) || string.IsNullOrEmpty(options.Tls.CaPath)))
        {
            failures.Add("DataPlane:ControlPlane is https: DataPlane:Tls:CertificatePath, KeyPath and CaPath are required.");
        }
        var listeners = new List<(string, string)> { ("ProxyListen", options.ProxyListen), ("StatusListen", options.StatusListen) };
        if (!string.IsNullOrEmpty(options.ProxySslListen))
        {
            listeners.Add(("ProxySslListen", options.ProxySslListen));
        }
        foreach (var (setting, value) in listeners)
        {
            if (!ListenAddress.TryParse(value, out _))
            {
                failures.Add("DataPlane:" + setting + " must be host:port, got '" + value + "'.");
            }
        }
        if (string.IsNullOrWhiteSpace(options.RealIpHeader) || !options.RealIpHeader.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            failures.Add("DataPlane:RealIpHeader must be a header name, got '" + options.RealIpHeader + "'.");
        }
        foreach (var proxy in options.TrustedProxies)
        {
            if (!IPAddress.TryParse(proxy, out _) && !IPNetwork.TryParse(proxy, out _))
            {
                failures.Add("DataPlane:TrustedProxies has '" + proxy + "', which is neither an IP address nor a CIDR range.");
            }
        }
        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            failures.Add("DataPlane:CacheDirectory is required.");
        }
        if (options.ReconnectMinDelayMs < 10 || options.ReconnectMaxDelayMs < options.ReconnectMinDelayMs)
        {
            failures.Add("DataPlane:ReconnectMinDelayMs must be at least 10 and at most ReconnectMaxDelayMs.");
        }
        if (string.IsNullOrWhiteSpace(options.AccessLog))
        {
            failures.Add("DataPlane:AccessLog must be a file path, 'stdout' or 'off'.");
        }
        if (options.AccessLogQueueSize is < 1 or > 10_000_000)
        {
            failures.Add("DataPlane:AccessLogQueueSize must be between 1 and 10000000.");
        }
        if (options.TracingSamplingRate is < 0 or > 1 || double.IsNaN(options.TracingSamplingRate))
        {
            failures.Add("DataPlane:TracingSamplingRate must be between 0 and 1.");
        }
        if (options.RateLimitLeaseTimeoutMs is < 10 or > 60_000)
        {
            failures.Add("DataPlane:RateLimitLeaseTimeoutMs must be between 10 and 60000.");
        }
        if (options.HeartbeatIntervalMs is < 100 or > 300_000)
        {
            failures.Add("DataPlane:HeartbeatIntervalMs must be between 100 and 300000.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
