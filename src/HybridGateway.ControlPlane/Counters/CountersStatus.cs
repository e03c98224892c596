using System.Text.Json.Nodes;
using HybridGateway.RateLimiting;
using Orleans.Runtime;

namespace HybridGateway.ControlPlane.Counters;

/// <summary>The counters' part of the control plane's /status: this silo, the cluster's silos, and where the counter grains live.</summary>
public static class CountersStatus
{
    public static async Task<JsonObject> DescribeAsync(IGrainFactory grains, ILocalSiloDetails silo, LeaseServiceStats leases, CountersOptions options)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(options);
        var status = new JsonObject
        {
            ["silo"] = silo.SiloAddress.ToParsableString(),
            ["membership"] = options.Membership,
            ["cluster_id"] = options.ClusterId,
            ["lease_streams"] = leases.Streams,
            ["lease_asks"] = leases.Asks,
            ["lease_asks_failed"] = leases.FailedAsks,
            ["tokens_granted"] = leases.TokensGranted,
            ["tokens_returned"] = leases.TokensReturned,
        };
        try
        {
            var management = grains.GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5));
            status["active_silos"] = new JsonArray([.. hosts.Keys.Select(h => (JsonNode?)JsonValue.Create(h.ToParsableString()))]);
            var statistics = await management.GetSimpleGrainStatistics().WaitAsync(TimeSpan.FromSeconds(5));
            var counterType = typeof(CounterGrain).FullName + ",";
            var bySilo = new JsonObject();
            foreach (var statistic in statistics)
            {
                if (statistic.GrainType.StartsWith(counterType, StringComparison.Ordinal))
                {
                    var key = statistic.SiloAddress.ToParsableString();
                    bySilo[key] = (bySilo[key]?.GetValue<int>() ?? 0) + statistic.ActivationCount;
                }
            }
            status["counter_grains_by_silo"] = bySilo;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            status["error"] = e.Message;
        }
        return status;
    }
}
