using System.Diagnostics;
using System.Net;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Resilience;

/// <summary>
/// A route regex that a backtracking engine takes exponential time on, attacked by 16 connections
/// while normal requests run: route regexes run on the linear-time engine, so the attack is only
/// load, and every normal request is answered. The latencies are printed, not asserted (this
/// machine is shared); the engine itself is asserted in <c>RouteRegexEngineTests</c>.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class RegexAttackTests
{
    [Fact]
    public async Task ABacktrackingProneRegex_UnderAttack_DoesNotSlowOtherRequests()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("regex-node");
        await hybrid.AddEchoRouteAsync("normal", "/normal");
        var version = await hybrid.AddEchoRouteAsync("nested", "/unused", new { name = "nested", paths = new[] { "~/(a+)+$" } });
        await node.WaitForVersionAsync(version);
        var attack = "/" + new string('a', 6000) + "b";

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6));
        var attacked = 0;
        var attackers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = node.Proxy.BaseAddress };
            while (!stop.IsCancellationRequested)
            {
                using var reply = await client.GetAsync(attack, CancellationToken.None);
                Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
                Interlocked.Increment(ref attacked);
            }
        })).ToArray();
        var latencies = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            using var reply = await node.Proxy.GetAsync("/normal/ping");
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }
        await Task.WhenAll(attackers);

        latencies.Sort();
        var p50 = latencies[latencies.Count / 2];
        var p99 = latencies[(int)(latencies.Count * 0.99)];
        Console.WriteLine($"regex attack: {attacked} attacking requests; normal requests: {latencies.Count}, p50 {p50:F1} ms, p99 {p99:F1} ms, max {latencies[^1]:F1} ms");
        Assert.True(attacked > 16, "the attack ran");
        Assert.NotEmpty(latencies);
    }
}
