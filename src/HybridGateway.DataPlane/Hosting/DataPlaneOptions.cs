namespace HybridGateway.DataPlane.Hosting;

/// <summary>The data plane's settings (section "DataPlane"; environment variables HGW_DataPlane__*).</summary>
public sealed class DataPlaneOptions
{
    public const string Section = "DataPlane";

    /// <summary>The control plane's cluster port: https://host:8005 (mTLS) or http://127.0.0.1:8005 (loopback development).</summary>
    public string ControlPlane { get; set; } = "http://127.0.0.1:8005";

    /// <summary>This node's id; generated once and kept in the cache directory when not set. With mTLS it must be the certificate's name.</summary>
    public string? NodeId { get; set; }

    /// <summary>region, zone, cloud and free-form labels sent to the control plane.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Where the last good config (and the generated node id) are kept.</summary>
    public string CacheDirectory { get; set; } = "/var/lib/hybridgateway";

    /// <summary>Proxy listener, host:port (Kong's 8000).</summary>
    public string ProxyListen { get; set; } = "0.0.0.0:8000";

    /// <summary>HTTPS proxy listener, host:port (Kong's 8443); empty turns it off. Certificates come from the config's SNIs.</summary>
    public string ProxySslListen { get; set; } = "0.0.0.0:8443";

    /// <summary>Status listener for /status, /status/ready (Kong's 8100).</summary>
    public string StatusListen { get; set; } = "127.0.0.1:8100";

    /// <summary>Client certificate and CA for mTLS to the control plane.</summary>
    public DataPlaneTlsOptions Tls { get; set; } = new();

    /// <summary>Addresses or CIDR ranges of proxies whose X-Forwarded-* headers are trusted.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>The header a trusted proxy puts the client's address in (Kong's real_ip_header), e.g. X-Forwarded-For.</summary>
    public string RealIpHeader { get; set; } = "X-Real-IP";

    public int ReconnectMinDelayMs { get; set; } = 500;

    public int ReconnectMaxDelayMs { get; set; } = 30_000;

    /// <summary>Heartbeat interval towards the control plane (it announces its own in Welcome).</summary>
    public int HeartbeatIntervalMs { get; set; } = 10_000;

    /// <summary>The access log: a file path, <c>stdout</c>, or <c>off</c>. One JSON line per request, written off the request path.</summary>
    public string AccessLog { get; set; } = "stdout";

    /// <summary>Access-log lines waiting to be written; past this, lines are dropped (and counted) rather than slowing requests.</summary>
    public int AccessLogQueueSize { get; set; } = 16_384;

    /// <summary>Whether the OpenTelemetry request metrics carry the consumer's username (one series per consumer: mind the cardinality).</summary>
    public bool MetricsPerConsumer { get; set; }

    /// <summary>The opentelemetry plugin's sampling rate where its config sets none (Kong's tracing_sampling_rate, 0.01 by default).</summary>
    public double TracingSamplingRate { get; set; } = Pipeline.Logging.LogPluginServices.KongSamplingRate;

    /// <summary>How long a request waits for a rate-limit lease before its instance falls back.</summary>
    public int RateLimitLeaseTimeoutMs { get; set; } = 1_000;
}
