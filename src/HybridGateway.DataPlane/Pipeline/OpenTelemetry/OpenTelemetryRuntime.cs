using System.Net.Http.Headers;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Pipeline.Logging;
using HybridGateway.Plugins.OpenTelemetry;
using HybridGateway.Sync;

namespace HybridGateway.DataPlane.Pipeline.OpenTelemetry;

/// <summary>
/// opentelemetry on the data plane: spans batched by the instance's queue (200 by default) and sent
/// to <c>traces_endpoint</c> over OTLP/HTTP (protobuf), as Kong sends them; only a 200 is success.
/// Propagates W3C and B3 (multi-header and single); a config that names another format, or asks for
/// logs (<c>logs_endpoint</c>), is refused rather than half served.
/// </summary>
public sealed class OpenTelemetryRuntime(double defaultSamplingRate, string? nodeId, TimeProvider clock, ILoggerFactory loggers)
    : QueuedLogRuntime<OpenTelemetryDefinition, OpenTelemetryConfig>(clock, loggers)
{
    private static readonly string[] Supported = ["preserve", "ignore", TraceHeaders.W3c, TraceHeaders.B3, TraceHeaders.B3Single];

    /// <summary>Kong's extraction order when propagation is not configured; the formats it lists that this gateway does not read are skipped.</summary>
    private static readonly string[] LegacyExtract = [TraceHeaders.B3, TraceHeaders.W3c];

    protected override string? Unsupported(OpenTelemetryConfig config)
    {
        if (config.LogsEndpoint is not null)
        {
            return "opentelemetry: logs_endpoint is not supported (this gateway exports traces only)";
        }
        var named = (config.Propagation.Extract ?? []).Concat(config.Propagation.Inject ?? []).Append(config.Propagation.DefaultFormat).Append(config.HeaderType);
        return named.FirstOrDefault(f => Array.IndexOf(Supported, f) < 0) is { } format
            ? "opentelemetry: the '" + format + "' propagation format is not supported (w3c, b3 and b3-single are)"
            : null;
    }

    protected override LogQueueSettings QueueSettings(OpenTelemetryConfig config) => new()
    {
        MaxBatchSize = config.BatchSpanCount is { } count and not 200 ? count : config.Queue.MaxBatchSize,
        MaxCoalescingDelay = config.BatchFlushDelay is { } delay and not 3 ? delay : config.Queue.MaxCoalescingDelay,
        MaxEntries = config.Queue.MaxEntries,
        MaxRetryTime = config.Queue.MaxRetryTime,
        InitialRetryDelay = config.Queue.InitialRetryDelay,
        MaxRetryDelay = config.Queue.MaxRetryDelay,
    };

    protected override (Func<IReadOnlyList<byte[]>, CancellationToken, Task<string?>> Send, IDisposable? Owned) Sender(Plugin plugin, OpenTelemetryConfig config)
    {
        var endpoint = new Uri((config.TracesEndpoint ?? config.Endpoint)!);
        var where = endpoint.Host + ":" + endpoint.Port;
        var resource = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["service.name"] = "kong",
            ["service.version"] = SyncProtocol.SoftwareVersion,
        };
        if (nodeId is not null)
        {
            resource["service.instance.id"] = nodeId;
        }
        foreach (var (key, value) in config.ResourceAttributes ?? new Dictionary<string, string>())
        {
            resource[key] = value;
        }
        var attributes = resource.ToArray();
        var client = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(Math.Max(1, config.ConnectTimeout)),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        var timeout = TimeSpan.FromMilliseconds(Math.Max(1, config.SendTimeout + config.ReadTimeout));
        var headers = config.Headers ?? new Dictionary<string, string>();
        return (async (batch, cancellation) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new ByteArrayContent(OtlpSpanEncoder.Request(attributes, "kong-internal", SyncProtocol.SoftwareVersion, batch)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            foreach (var (name, value) in headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(timeout);
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                return response.StatusCode == System.Net.HttpStatusCode.OK ? null : "export to " + where + " returned status code " + (int)response.StatusCode;
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                return "export to " + where + " timed out";
            }
            catch (HttpRequestException e)
            {
                return "export to " + where + " failed: " + e.HttpRequestError;
            }
        }, client);
    }

    protected override PluginHandler CreateHandler(Plugin plugin, OpenTelemetryConfig config, LogQueue queue)
    {
        var propagation = config.Propagation;
        IReadOnlyList<string> extract, inject;
        if (propagation.Extract is null && propagation.Inject is null && propagation.Clear is null)
        {
            // Kong's reading of the deprecated header_type.
            (extract, inject) = config.HeaderType switch
            {
                "preserve" => (LegacyExtract, ["preserve"]),
                "ignore" => ([], [propagation.DefaultFormat]),
                var other => ((IReadOnlyList<string>)LegacyExtract, (IReadOnlyList<string>)["preserve", other]),
            };
        }
        else
        {
            extract = [.. (propagation.Extract ?? []).Select(f => f == TraceHeaders.B3Single ? TraceHeaders.B3 : f)];
            inject = propagation.Inject ?? [];
        }
        var plan = new OpenTelemetryPlan(extract, propagation.Clear ?? [], inject, propagation.DefaultFormat,
            config.SamplingRate ?? defaultSamplingRate, config.HttpResponseHeaderForTraceid);
        return new OpenTelemetryHandler(plugin, plan, queue);
    }
}
