namespace HybridGateway.ControlPlane.Hosting;

/// <summary>The control plane's settings (section "ControlPlane"; environment variables HGW_ControlPlane__*).</summary>
public sealed class ControlPlaneOptions
{
    public const string Section = "ControlPlane";

    /// <summary>PostgreSQL connection string; the database is created when missing.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Admin REST API listener, host:port (Kong's 8001). Port 0 picks a free port.</summary>
    public string AdminListen { get; set; } = "127.0.0.1:8001";

    /// <summary>The gRPC Admin API as cleartext h2c, for local tools; loopback addresses only. Empty turns it off.</summary>
    public string AdminGrpcListen { get; set; } = "127.0.0.1:8011";

    /// <summary>The REST and gRPC Admin APIs over TLS (Kong's admin_listen ... ssl, 8444); served when <see cref="AdminTls"/> is set.</summary>
    public string AdminTlsListen { get; set; } = "127.0.0.1:8444";

    public AdminTlsOptions AdminTls { get; set; } = new();

    /// <summary>Cluster gRPC listener for data planes, host:port (Kong's 8005).</summary>
    public string ClusterListen { get; set; } = "127.0.0.1:8005";

    /// <summary>An admin token to accept; when unset and none is stored, one is generated and printed once.</summary>
    public string? BootstrapAdminToken { get; set; }

    /// <summary>Largest declarative document accepted by POST /config.</summary>
    public long MaxDeclarativeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How often heartbeats go both ways on a node's stream. A node silent for three intervals is dropped.</summary>
    public int HeartbeatIntervalMs { get; set; } = 10_000;

    /// <summary>How long one message to a node may take to be written; a node that does not read is dropped, and any snapshot slot it held freed.</summary>
    public int SyncWriteTimeoutMs { get; set; } = 10_000;

    /// <summary>How long a node may take to ACK or NACK a config; a node that does not answer is dropped.</summary>
    public int ConfigAnswerTimeoutMs { get; set; } = 60_000;

    /// <summary>Node records not seen for this long are purged from /clustering/data-planes (Kong's cluster_data_plane_purge_delay: 14 days).</summary>
    public int DataPlanePurgeDelaySeconds { get; set; } = 1_209_600;

    /// <summary>TLS for the cluster port: the production mode, with client certificates required (mTLS).</summary>
    public ClusterTlsOptions ClusterTls { get; set; } = new();

    /// <summary>
    /// Serve the cluster port as cleartext h2c without client certificates. Only for development,
    /// and only accepted when the cluster port listens on a loopback address.
    /// </summary>
    public bool AllowInsecureCluster { get; set; }

    /// <summary>
    /// How many full snapshots may be streaming to nodes at once. A fleet reconnecting together
    /// would otherwise have every snapshot in flight at the same time, in memory.
    /// </summary>
    public int MaxConcurrentSnapshots { get; set; } = 8;

    /// <summary>How often the database is probed; when it stops answering, Admin API calls that need it get 503 at once.</summary>
    public int DatabaseProbeIntervalMs { get; set; } = 500;

    /// <summary>How long a probe (connect and <c>select 1</c>) may take before the database counts as not answering.</summary>
    public int DatabaseProbeTimeoutMs { get; set; } = 1_000;

    /// <summary>How often to poll PostgreSQL for versions written by other replicas, besides LISTEN/NOTIFY.</summary>
    public int ReplicaPollIntervalMs { get; set; } = 5_000;

    /// <summary>The Orleans silo holding the rate-limit counters.</summary>
    public Counters.CountersOptions Counters { get; set; } = new();

    /// <summary>This replica's name in logs and status; the host name by default.</summary>
    public string NodeName { get; set; } = Environment.MachineName;
}
