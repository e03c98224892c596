using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>
/// A real Prometheus server (Debian's package, installed by ./gateway.sh test) on a free loopback
/// port, scraping the given targets every second, in a folder of its own; stopped by its PID.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <param name="jobs">Each job: its name, target host:port, metrics path and an optional bearer token.</param>
    public static async Task<PrometheusServer> StartAsync(IEnumerable<(string Job, string Target, string Path, string? Token)> jobs)
    {
        var binary = new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("prometheus is not installed: ./gateway.sh test installs Debian's package");
        var directory = Directory.CreateTempSubdirectory("hgw-prometheus-").FullName;
        var config = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n";
        foreach (var (job, target, path, token) in jobs)
        {
            config += "- job_name: " + job + "\n  metrics_path: " + path + "\n  static_configs:\n  - targets: ['" + target + "']\n";
            if (token is not null)
            {
                config += "  authorization:\n    type: Bearer\n    credentials: " + token + "\n";
            }
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "prometheus.yml"), config);
        var port = FreePort.Next();
        var info = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "--config.file=" + Path.Combine(directory, "prometheus.yml"),
            "--storage.tsdb.path=" + Path.Combine(directory, "data"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, port);
        await Eventually.True(async () => (await server.Client.GetAsync("/-/ready")).IsSuccessStatusCode, "Prometheus to be ready", TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>An instant query's single value, or null while it has no result.</summary>
    public async Task<double?> QueryAsync(string query)
    {
        var json = JsonNode.Parse(await Client.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query)))!;
        var result = json["data"]!["result"]!.AsArray();
        if (result.Count == 0)
        {
            return null;
        }
        return double.Parse(result[0]!["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
