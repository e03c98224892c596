using System.Diagnostics;
using System.Globalization;
using System.Net;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;
using Xunit.Abstractions;

namespace HybridGateway.FunctionalTests.Resilience;

/// <summary>
/// A control plane on a PostgreSQL of its own, which the test stops, starts again and freezes
/// (SIGSTOP) under a steady mix of reads and writes: every answer comes without a hang (the
/// latencies are printed), what needs the database gets 503, /status keeps telling the version the
/// process holds with <c>database.reachable: false</c>, and writes work again without a restart.
/// With the database frozen, the mix starts once the probe has seen it.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class DatabaseFaultTests(ITestOutputHelper output)
{
    /// <summary>A hang guard only (before this, a frozen database held calls 15 to 45 s); the figures that matter are printed.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PostgresDownAndFrozen_Answers503WithoutHanging_StatusStaysHonest_AndItRecoversWithoutARestart()
    {
        var directory = Directory.CreateTempSubdirectory("hgw-pg-fault-");
        var frozen = new List<int>();
        try
        {
            await GatewayAsync("pg-start", directory.FullName);
            var connection = (await File.ReadAllTextAsync(Path.Combine(directory.FullName, "connection"))).Trim();
            await using var cp = await ControlPlaneProcess.StartAsync(connection, "cp-db-fault", new Dictionary<string, string>
            {
                ["HGW_ControlPlane__DatabaseProbeIntervalMs"] = "200",
            });
            Assert.Equal(HttpStatusCode.Created, (await cp.Admin.PostJson("/services", new { name = "before", host = "example.com" })).Status);
            var version = await cp.Admin.ConfigVersionAsync();

            // Down.
            await GatewayAsync("pg-stop", directory.FullName);
            var down = await MixAsync(cp, "down", TimeSpan.FromSeconds(3));
            Assert.Contains(HttpStatusCode.ServiceUnavailable, down.Writes);
            Assert.DoesNotContain(HttpStatusCode.InternalServerError, down.All);
            var status = await cp.Admin.GetJson("/status");
            Assert.Equal((HttpStatusCode.ServiceUnavailable, false, version),
                (status.Status, status.Object["database"]!["reachable"]!.GetValue<bool>(), status.Object["config"]!["version"]!.GetValue<long>()));
            // The gRPC Admin API says the same: UNAVAILABLE, and its health service NOT_SERVING.
            using (var channel = Grpc.Net.Client.GrpcChannel.ForAddress("http://127.0.0.1:" + cp.AdminGrpcPort))
            {
                var grpcWrite = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => new HybridGateway.Contracts.Admin.V1.AdminApi.AdminApiClient(channel).CreateEntityAsync(
                    new HybridGateway.Contracts.Admin.V1.WriteEntityRequest { Kind = "consumers", Entity = Google.Protobuf.JsonParser.Default.Parse<Google.Protobuf.WellKnownTypes.Struct>("{\"username\":\"down\"}") },
                    new Grpc.Core.Metadata { { "authorization", "Bearer " + ControlPlaneHost.Token } }).ResponseAsync);
                Assert.Equal(Grpc.Core.StatusCode.Unavailable, grpcWrite.StatusCode);
                var health = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
                Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, health.Status);
            }

            // Back on the same address: writes work again, no restart.
            await GatewayAsync("pg-start", directory.FullName);
            Assert.Equal(connection, (await File.ReadAllTextAsync(Path.Combine(directory.FullName, "connection"))).Trim());
            await Eventually.True(async () => (await cp.Admin.PostJson("/services", new { name = "after-restart", host = "example.com" })).Status == HttpStatusCode.Created,
                "a write after PostgreSQL came back", TimeSpan.FromSeconds(30));

            // Frozen: every PostgreSQL process stopped (connections open, nothing answers).
            frozen.AddRange(PostgresProcesses(directory.FullName));
            Signal(frozen, "STOP");
            // Calls made once the probe has seen it (within about a second). A call already waiting on
            // the database when it froze is not covered: it can wait for Npgsql's own timeouts (see docs).
            await Task.Delay(2000);
            var stalled = await MixAsync(cp, "frozen", TimeSpan.FromSeconds(3));
            Assert.Contains(HttpStatusCode.ServiceUnavailable, stalled.Writes);
            Assert.DoesNotContain(HttpStatusCode.InternalServerError, stalled.All);
            status = await cp.Admin.GetJson("/status");
            Assert.False(status.Object["database"]!["reachable"]!.GetValue<bool>());
            Signal(frozen, "CONT");
            frozen.Clear();
            await Eventually.True(async () => (await cp.Admin.PostJson("/services", new { name = "after-freeze", host = "example.com" })).Status == HttpStatusCode.Created,
                "a write after PostgreSQL thawed", TimeSpan.FromSeconds(30));
            Assert.True((await cp.Admin.GetJson("/status")).Object["database"]!["reachable"]!.GetValue<bool>());
        }
        finally
        {
            Signal(frozen, "CONT");
            await GatewayAsync("pg-stop", directory.FullName);
            GatewayPurge(directory.FullName);
        }
    }

    private sealed record Mix(List<HttpStatusCode> Writes, List<HttpStatusCode> All);

    /// <summary>Writes, reads and /status in turn for a while; each answer's time is kept and the slowest printed.</summary>
    private async Task<Mix> MixAsync(ControlPlaneProcess cp, string phase, TimeSpan duration)
    {
        var mix = new Mix([], []);
        var slowest = TimeSpan.Zero;
        var count = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            foreach (var call in new Func<Task<AdminClientExtensions.Reply>>[]
            {
                () => cp.Admin.PostJson("/services", new { name = "w-" + Guid.NewGuid().ToString("N")[..8], host = "example.com" }),
                () => cp.Admin.GetJson("/services"),
                () => cp.Admin.GetJson("/status"),
            })
            {
                var started = Stopwatch.GetTimestamp();
                AdminClientExtensions.Reply reply;
                try
                {
                    reply = await call().WaitAsync(HangGuard);
                }
                catch (TimeoutException)
                {
                    var log = cp.Process?.Output ?? "";
                    throw new Xunit.Sdk.XunitException("Admin call #" + (count % 3) + " (0 write, 1 read, 2 status) hung past " + HangGuard.TotalSeconds + " s with the database " + phase
                        + "; control plane log (end): " + (log.Length > 3000 ? log[^3000..] : log));
                }
                var took = Stopwatch.GetElapsedTime(started);
                slowest = took > slowest ? took : slowest;
                count++;
                mix.All.Add(reply.Status);
                if (count % 3 == 1)
                {
                    mix.Writes.Add(reply.Status);
                }
            }
        }
        output.WriteLine($"database {phase}: {count} calls, slowest {slowest.TotalMilliseconds:F0} ms, answers: "
            + string.Join(", ", mix.All.GroupBy(s => (int)s).Select(g => g.Key + "×" + g.Count())));
        TestReport.Append($"database {phase}: {count} Admin calls (write, read, /status in turn), slowest answer {slowest.TotalMilliseconds:F0} ms; "
            + string.Join(", ", mix.All.GroupBy(s => (int)s).Select(g => g.Key + "×" + g.Count())));
        return mix;
    }

    private static async Task GatewayAsync(string command, string directory)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "gateway.sh"), command, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "gateway.sh " + command + " failed: " + await stderr);
    }

    private static void GatewayPurge(string directory)
    {
        var home = File.Exists(Path.Combine(directory, "home")) ? File.ReadAllText(Path.Combine(directory, "home")).Trim() : null;
        if (home is not null && Directory.Exists(home))
        {
            Directory.Delete(home, recursive: true);
        }
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>The postmaster (from its pid file) and its children, found through /proc.</summary>
    private static List<int> PostgresProcesses(string directory)
    {
        var home = File.Exists(Path.Combine(directory, "home")) ? File.ReadAllText(Path.Combine(directory, "home")).Trim() : directory;
        var postmaster = int.Parse(File.ReadLines(Path.Combine(home, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var pids = new List<int> { postmaster };
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
                {
                    pids.Add(int.Parse(Path.GetFileName(Path.GetDirectoryName(stat)!), CultureInfo.InvariantCulture));
                }
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
            }
        }
        return pids;
    }

    private static void Signal(IEnumerable<int> pids, string signal)
    {
        foreach (var pid in pids)
        {
            using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }
}
