using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Grpc.Net.Client;
using HybridGateway.Bench.FanOut;
using HybridGateway.Contracts.Sync.V1;

// Fan-out from one control plane to N simulated nodes (gRPC streams from this one process):
// the time from an Admin API write until every node has acknowledged it, and the control
// plane's memory per connected node.
// Usage: FanOut <cluster url> <admin url> <admin token> <control-plane pid> <nodes> [rounds]
var clusterUrl = args[0];
var adminUrl = args[1];
var token = args[2];
var controlPlanePid = int.Parse(args[3], CultureInfo.InvariantCulture);
var count = int.Parse(args[4], CultureInfo.InvariantCulture);
var rounds = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 5;

using var admin = new HttpClient { BaseAddress = new Uri(adminUrl), Timeout = TimeSpan.FromSeconds(60) };
admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
using var channel = GrpcChannel.ForAddress(clusterUrl, new GrpcChannelOptions
{
    HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
});
var client = new ConfigSync.ConfigSyncClient(channel);
var clock = Stopwatch.StartNew();
using var stop = new CancellationTokenSource();

// A few nodes come and go first, so that what the control plane builds once (code, caches, the
// current snapshot) is in the baseline and not counted per node.
using (var warm = new CancellationTokenSource())
{
    var warmNodes = Enumerable.Range(0, 10).Select(i => new SimulatedNode("warm-" + i.ToString(CultureInfo.InvariantCulture), client, clock)).ToArray();
    var warming = warmNodes.Select(n => Task.Run(() => n.RunAsync(warm.Token))).ToArray();
    await WaitAllAsync(warmNodes, await CurrentVersionAsync(admin), TimeSpan.FromSeconds(60));
    await warm.CancelAsync();
    await Task.WhenAll(warming).ContinueWith(_ => { }, TaskScheduler.Default);
    await Task.Delay(1000);
}
var before = await ControlPlaneMemoryAsync(admin, controlPlanePid);
var nodes = Enumerable.Range(0, count).Select(i => new SimulatedNode("sim-" + i.ToString("D5", CultureInfo.InvariantCulture), client, clock)).ToArray();
var running = nodes.Select(n => Task.Run(() => n.RunAsync(stop.Token))).ToArray();
var version = await CurrentVersionAsync(admin);
await WaitAllAsync(nodes, version, TimeSpan.FromSeconds(120));
await Task.Delay(2000); // let the control plane's status writes settle before reading its memory
var after = await ControlPlaneMemoryAsync(admin, controlPlanePid);

var latencies = new List<double>();
var roundMax = new List<double>();
for (var round = 0; round < rounds; round++)
{
    var start = clock.Elapsed.TotalMilliseconds;
    using var response = await admin.PostAsync("/consumers", new FormUrlEncodedContent([KeyValuePair.Create("username", "fanout-" + Guid.NewGuid().ToString("N"))]));
    response.EnsureSuccessStatusCode();
    var written = long.Parse(response.Headers.GetValues("X-Config-Version").First(), CultureInfo.InvariantCulture);
    await WaitAllAsync(nodes, written, TimeSpan.FromSeconds(60));
    var these = nodes.Select(n => n.TryGetAckTime(written, out var at) ? at - start : double.NaN).ToArray();
    latencies.AddRange(these);
    roundMax.Add(these.Max());
    await Task.Delay(500);
}
await stop.CancelAsync();
await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);

latencies.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {count:N0} | {rounds} | {Percentile(latencies, 0.50):N0} ms | {Percentile(latencies, 0.99):N0} ms | {latencies[^1]:N0} ms | {(after.Heap - before.Heap) * 1024 / count:N1} KiB | {(after.Resident - before.Resident) * 1024 / count:N1} KiB |"));

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static async Task<long> CurrentVersionAsync(HttpClient admin)
{
    using var status = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/status"));
    return status.RootElement.GetProperty("config").GetProperty("version").GetInt64();
}

static async Task WaitAllAsync(SimulatedNode[] nodes, long version, TimeSpan timeout)
{
    var deadline = DateTime.UtcNow + timeout;
    while (nodes.Any(n => n.AppliedVersion < version))
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException(nodes.Count(n => n.AppliedVersion < version) + " nodes did not acknowledge version " + version);
        }
        await Task.Delay(5);
    }
}

// The control plane's live GC heap (dotnet-gcdump forces a full collection first) and resident set, in MiB.
static async Task<(double Heap, double Resident)> ControlPlaneMemoryAsync(HttpClient admin, int pid)
{
    _ = admin;
    var tool = Environment.GetEnvironmentVariable("HGW_GCDUMP") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
    var file = Path.Combine(Path.GetTempPath(), "hgw-fanout-" + pid.ToString(CultureInfo.InvariantCulture) + ".gcdump");
    await RunAsync(tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file]);
    var report = await RunAsync(tool, ["report", file]);
    File.Delete(file);
    var line = report.Split('\n').First(l => l.Contains("GC Heap bytes", StringComparison.Ordinal));
    var bytes = double.Parse(line.Trim().Split(' ')[0].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    return (bytes / 1048576.0, ResidentMegabytes(pid));
}

static async Task<string> RunAsync(string program, string[] arguments)
{
    using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    return output;
}

static double ResidentMegabytes(int pid)
{
    foreach (var line in File.ReadLines("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/status"))
    {
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
        {
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
    }
    return double.NaN;
}
