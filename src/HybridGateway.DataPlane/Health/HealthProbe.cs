using System.Net.Sockets;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.LoadBalancing;

namespace HybridGateway.DataPlane.Health;

/// <summary>
/// One active probe, as Kong's health checker sends it: a TCP connect, or an HTTP(S) GET of
/// <c>http_path</c> with the configured headers and a Host of the target's host (or
/// <c>https_sni</c>), answered within <c>timeout</c> seconds.
/// </summary>
public sealed class HealthProbe : IDisposable
{
    private readonly HttpMessageInvoker _verifying = Client(verify: true);
    private readonly HttpMessageInvoker _trusting = Client(verify: false);

    public async Task<HealthReport> SendAsync(ActiveHealthcheck check, HealthRules rules, TargetState target, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(check.Timeout, 0.001)));
        try
        {
            if (check.Type == "tcp")
            {
                var (host, port) = Split(target.Address);
                using var socket = new TcpClient();
                await socket.ConnectAsync(host, port, timeout.Token);
                return HealthReport.Success;
            }
            var https = check.Type == "https";
            using var request = new HttpRequestMessage(HttpMethod.Get, (https ? "https://" : "http://") + target.Address + check.HttpPath);
            foreach (var (name, values) in check.Headers ?? new Dictionary<string, IReadOnlyList<string>>())
            {
                request.Headers.TryAddWithoutValidation(name, values);
            }
            request.Headers.Host = https && check.HttpsSni is { Length: > 0 } sni ? sni : Split(target.Address).Host;
            var client = https && !check.HttpsVerifyCertificate ? _trusting : _verifying;
            using var response = await client.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            return rules.ActiveHealthy.Contains(status) ? HealthReport.Success
                : rules.ActiveUnhealthy.Contains(status) ? HealthReport.HttpFailure
                : HealthReport.None;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return HealthReport.Timeout;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException)
        {
            return HealthReport.TcpFailure;
        }
    }

    public void Dispose()
    {
        _verifying.Dispose();
        _trusting.Dispose();
    }

    private static (string Host, int Port) Split(string address)
    {
        var colon = address.LastIndexOf(':');
        var host = address[..colon].Trim('[', ']');
        return (host, int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static HttpMessageInvoker Client(bool verify)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10),
        };
        if (!verify)
        {
            // The operator turned https_verify_certificate off for this upstream's probes.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        return new HttpMessageInvoker(handler);
    }
}
