using System.Net;
using System.Net.Sockets;
using HybridGateway.ControlPlane.Hosting;
using HybridGateway.Hosting;
using HybridGateway.RateLimiting;
using Orleans.Configuration;

namespace HybridGateway.ControlPlane.Counters;

/// <summary>
/// Hosts the Orleans silo that holds the rate-limit counters in this control-plane process, and
/// the lease service data planes reach it through. Idle counters are deactivated, so memory follows
/// the keys in use. The silo has no client gateway: only this process calls its grains.
/// </summary>
public static class CountersHosting
{
    public static WebApplicationBuilder AddCounters(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(ControlPlaneOptions.Section).Get<ControlPlaneOptions>() ?? new ControlPlaneOptions();
        var counters = options.Counters;
        builder.Services.AddSingleton<PostgresCounterCheckpoints>();
        builder.Services.AddSingleton<ICounterCheckpoints>(sp => sp.GetRequiredService<PostgresCounterCheckpoints>());
        builder.Services.AddSingleton<LeaseServiceStats>();
        if (!ListenAddress.TryParse(counters.SiloListen, out var listen))
        {
            // The options validator names the setting when the host starts.
            return builder;
        }
        var port = listen!.Port == 0 ? FreePort(listen.Address) : listen.Port;
        var advertised = AdvertisedAddress(counters, listen.Address);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = counters.ClusterId;
                cluster.ServiceId = "hybridgateway-counters";
            });
            silo.Configure<SiloOptions>(o => o.SiloName = options.NodeName + "-" + port);
            if (counters.Membership == CountersOptions.PostgresMembership)
            {
                silo.Configure<EndpointOptions>(endpoints =>
                {
                    endpoints.AdvertisedIPAddress = advertised;
                    endpoints.SiloPort = port;
                    endpoints.GatewayPort = 0;
                    endpoints.SiloListeningEndpoint = new IPEndPoint(listen.Address, port);
                });
                silo.UseAdoNetClustering(adonet =>
                {
                    adonet.Invariant = "Npgsql";
                    adonet.ConnectionString = options.ConnectionString;
                });
                var probe = TimeSpan.FromMilliseconds(Math.Max(100, counters.ProbeIntervalMs));
                silo.Configure<ClusterMembershipOptions>(membership =>
                {
                    membership.ProbeTimeout = probe;
                    membership.MaxProbeTimeout = probe;
                    membership.NumMissedProbesLimit = 2;
                    membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
                    membership.TableRefreshTimeout = TimeSpan.FromSeconds(5);
                    membership.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
                    membership.MaxJoinAttemptTime = TimeSpan.FromSeconds(60);
                });
            }
            else
            {
                silo.UseLocalhostClustering(siloPort: port, gatewayPort: 0, serviceId: "hybridgateway-counters", clusterId: counters.ClusterId);
                silo.Configure<EndpointOptions>(endpoints =>
                {
                    endpoints.AdvertisedIPAddress = advertised;
                    endpoints.SiloListeningEndpoint = new IPEndPoint(listen.Address, port);
                });
            }
            silo.Configure<GrainCollectionOptions>(collection =>
            {
                collection.CollectionQuantum = TimeSpan.FromSeconds(30);
                collection.CollectionAge = TimeSpan.FromMinutes(2);
            });
        });
        return builder;
    }

    private static IPAddress AdvertisedAddress(CountersOptions counters, IPAddress listen)
    {
        if (!string.IsNullOrEmpty(counters.AdvertisedAddress) && IPAddress.TryParse(counters.AdvertisedAddress, out var configured))
        {
            return configured;
        }
        if (!listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any))
        {
            return listen;
        }
        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
