using HybridGateway.Configuration.Schema;
using HybridGateway.Plugins.Logging;

namespace HybridGateway.Plugins.HttpLog;

/// <summary>
/// http-log's config, with Kong's defaults. retry_count, queue_size and flush_timeout are Kong's
/// deprecated fields: retry_count is ignored (queue.max_retry_time bounds retries), queue_size
/// and flush_timeout stand for queue.max_batch_size and queue.max_coalescing_delay.
/// </summary>
public sealed record HttpLogConfig
{
    [Required]
    public string HttpEndpoint { get; init; } = "";

    [OneOf("POST", "PUT", "PATCH")]
    public string Method { get; init; } = "POST";

    [OneOf("application/json", "application/json; charset=utf-8")]
    public string ContentType { get; init; } = "application/json";

    /// <summary>Milliseconds to connect, send and read.</summary>
    [Between(0, 2_147_483_646)]
    public double Timeout { get; init; } = 10_000;

    /// <summary>Milliseconds an idle connection to the endpoint is kept.</summary>
    [Between(0, 2_147_483_646)]
    public double Keepalive { get; init; } = 60_000;

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public QueueConfig Queue { get; init; } = new();

    public IReadOnlyDictionary<string, string>? CustomFieldsByLua { get; init; }

    public int? RetryCount { get; init; }

    public int? QueueSize { get; init; }

    public double? FlushTimeout { get; init; }
}
