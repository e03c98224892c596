using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.RateLimiting;

/// <summary>
/// Concurrent clients spread over several data planes for a bounded time, each request recorded
/// with when it was sent and answered. A request counts in a window for certain only when it was
/// sent and answered within that window; one that straddles a boundary is counted as uncertain.
/// </summary>
public sealed class LoadWindows
{
    private readonly ConcurrentBag<(long SentMs, long AnsweredMs, int Status, string Tenant)> _answers = [];

    public IReadOnlyCollection<(long SentMs, long AnsweredMs, int Status, string Tenant)> Answers => _answers;

    /// <summary>Sends GET <paramref name="path"/> through every node from <paramref name="clientsPerNode"/> loops each, until <paramref name="duration"/> has passed.</summary>
    /// <param name="tenants">When more than zero, each request names one of that many tenants in <c>x-tenant</c>, in turn.</param>
    public static async Task<LoadWindows> RunAsync(IReadOnlyList<DataPlaneProcess> nodes, string path, int clientsPerNode, TimeSpan duration, int tenants = 0)
    {
        var load = new LoadWindows();
        var stopwatch = Stopwatch.StartNew();
        var loops = nodes.SelectMany(node => Enumerable.Range(0, clientsPerNode).Select(async _ =>
        {
            using var client = new HttpClient { BaseAddress = node.Proxy.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            var turn = Random.Shared.Next(1000);
            while (stopwatch.Elapsed < duration)
            {
                var tenant = tenants > 0 ? "t" + (turn++ % tenants).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (tenant.Length > 0)
                {
                    request.Headers.Add("x-tenant", tenant);
                }
                var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                int status;
                try
                {
                    using var response = await client.SendAsync(request);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }
                load._answers.Add((sent, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), status, tenant));
            }
        }));
        await Task.WhenAll(loops);
        return load;
    }

    /// <summary>Per window start (ms): 200s certainly inside it, and 200s that straddle its start or end.</summary>
    public SortedDictionary<long, (int Certain, int Uncertain)> AdmittedPer(long windowMs, string? tenant = null)
    {
        var windows = new SortedDictionary<long, (int Certain, int Uncertain)>();
        foreach (var (sent, answered, status, of) in _answers)
        {
            if (status != (int)HttpStatusCode.OK || (tenant is not null && of != tenant))
            {
                continue;
            }
            var first = sent - (sent % windowMs);
            var last = answered - (answered % windowMs);
            for (var w = first; w <= last; w += windowMs)
            {
                var (certain, uncertain) = windows.GetValueOrDefault(w);
                windows[w] = first == last ? (certain + 1, uncertain) : (certain, uncertain + 1);
            }
        }
        return windows;
    }

    public int Count(int status) => _answers.Count(a => a.Status == status);

    /// <summary>Waits until just after a window of <paramref name="windowMs"/> starts, with at least <paramref name="leftMs"/> of the minute ahead.</summary>
    public static async Task WaitForWindowStartAsync(long windowMs = 1000, long leftMs = 0)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var untilMinuteEnds = 60_000 - (now % 60_000);
            var wait = untilMinuteEnds < leftMs + windowMs ? untilMinuteEnds : windowMs - (now % windowMs);
            await Task.Delay(TimeSpan.FromMilliseconds(wait + 20));
            now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (60_000 - (now % 60_000) >= leftMs)
            {
                return;
            }
        }
    }
}
