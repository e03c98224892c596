using System.Net.Http.Headers;
using System.Text;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Pipeline.Logging;
using HybridGateway.Plugins.HttpLog;

namespace HybridGateway.DataPlane.Pipeline.HttpLog;

/// <summary>
/// http-log on the data plane, as Kong's: entries batched by the instance's queue and sent with the
/// configured method and headers. A batch of one (max_batch_size 1) is sent as the entry's JSON
/// object, a larger batch size always as a JSON array. A response other than 2xx, or no response
/// in <c>timeout</c> ms, is a failure, retried with backoff. User info in the URL is sent as Basic auth.
/// </summary>
public sealed class HttpLogRuntime(TimeProvider clock, ILoggerFactory loggers) : QueuedLogRuntime<HttpLogDefinition, HttpLogConfig>(clock, loggers)
{
    protected override LogQueueSettings QueueSettings(HttpLogConfig config)
    {
        var queue = config.Queue;
        return new LogQueueSettings
        {
            // Kong's deprecated fields still win when set to other than their old defaults.
            MaxBatchSize = config.QueueSize is { } size and not 1 ? size : queue.MaxBatchSize,
            MaxCoalescingDelay = config.FlushTimeout is { } flush and not 2 ? flush : queue.MaxCoalescingDelay,
            MaxEntries = queue.MaxEntries,
            MaxRetryTime = queue.MaxRetryTime,
            InitialRetryDelay = queue.InitialRetryDelay,
            MaxRetryDelay = queue.MaxRetryDelay,
        };
    }

    protected override (Func<IReadOnlyList<byte[]>, CancellationToken, Task<string?>> Send, IDisposable? Owned) Sender(Plugin plugin, HttpLogConfig config)
    {
        var endpoint = new Uri(config.HttpEndpoint);
        var target = new UriBuilder(endpoint) { UserName = "", Password = "" }.Uri;
        var where = endpoint.Host + ":" + endpoint.Port; // failures name the host, never the URL's credentials
        var authorization = endpoint.UserInfo.Length > 0
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(endpoint.UserInfo))))
            : null;
        var batched = (config.QueueSize is { } size and not 1 ? size : config.Queue.MaxBatchSize) > 1;
        var timeout = TimeSpan.FromMilliseconds(Math.Max(1, config.Timeout));
        var client = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = timeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMilliseconds(config.Keepalive),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        var method = new HttpMethod(config.Method);
        var contentType = MediaTypeHeaderValue.Parse(config.ContentType);
        var headers = config.Headers ?? new Dictionary<string, string>();
        return (async (batch, cancellation) =>
        {
            using var request = new HttpRequestMessage(method, target) { Content = new ByteArrayContent(Body(batch, batched)) };
            request.Content.Headers.ContentType = contentType;
            request.Headers.Authorization = authorization;
            foreach (var (name, value) in headers)
            {
                if (!(authorization is not null && name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(timeout);
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                return (int)response.StatusCode is >= 200 and < 300
                    ? null
                    : "request to " + where + " returned status code " + (int)response.StatusCode;
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                return "request to " + where + " timed out";
            }
            catch (HttpRequestException e)
            {
                return "request to " + where + " failed: " + (e.HttpRequestError == HttpRequestError.Unknown ? "error" : e.HttpRequestError.ToString());
            }
        }, client);
    }

    protected override PluginHandler CreateHandler(Plugin plugin, HttpLogConfig config, LogQueue queue) => new SerializedLogHandler(plugin, queue);

    /// <summary>One entry as itself, or the batch as a JSON array.</summary>
    private static byte[] Body(IReadOnlyList<byte[]> batch, bool asArray)
    {
        if (!asArray && batch.Count == 1)
        {
            return batch[0];
        }
        var length = 2 + batch.Sum(e => e.Length) + Math.Max(0, batch.Count - 1);
        var body = new byte[length];
        var at = 0;
        body[at++] = (byte)'[';
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0)
            {
                body[at++] = (byte)',';
            }
            batch[i].CopyTo(body, at);
            at += batch[i].Length;
        }
        body[at] = (byte)']';
        return body;
    }
}
