namespace HybridGateway.ControlPlane.Counters;

/// <summary>The Orleans silo that holds the rate-limit counters (section "ControlPlane:Counters").</summary>
public sealed class CountersOptions
{
    public const string LocalhostMembership = "localhost";
    public const string PostgresMembership = "postgres";

    /// <summary>
    /// Where the silo listens for the other replicas' silos, host:port. Port 0 picks a free port.
    /// The host is also the address the silo advertises unless <see cref="AdvertisedAddress"/> is set.
    /// </summary>
    public string SiloListen { get; set; } = "127.0.0.1:11111";

    /// <summary>The address other silos reach this one at, when <see cref="SiloListen"/> listens on every address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// <c>localhost</c>: this replica alone, nothing to set up. <c>postgres</c>: every replica with the
    /// same <see cref="ClusterId"/> joins one cluster, its membership in the control plane's database.
    /// </summary>
    public string Membership { get; set; } = LocalhostMembership;

    /// <summary>The Orleans cluster's name: replicas with the same one share their counters.</summary>
    public string ClusterId { get; set; } = "hybridgateway";

    /// <summary>How often silos probe each other; a silo missing two probes in a row is declared dead (about 2 intervals).</summary>
    public int ProbeIntervalMs { get; set; } = 1_000;
}
