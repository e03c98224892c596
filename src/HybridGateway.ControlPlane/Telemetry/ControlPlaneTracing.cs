using System.Diagnostics;
using HybridGateway.Sync;

namespace HybridGateway.ControlPlane.Telemetry;

/// <summary>
/// The control plane's spans (source <c>HybridGateway.ControlPlane</c>): an Admin API write, with
/// the version it created; each config sent to a node, linked to the write that made that version
/// on this replica; a node's NACK; and each snapshot build. Nothing is made while no exporter listens.
/// </summary>
public static class ControlPlaneTracing
{
    public const string SourceName = "HybridGateway.ControlPlane";

    public static readonly ActivitySource Source = new(SourceName, SyncProtocol.SoftwareVersion);

    private const int RememberedWrites = 64;
    private static readonly Lock Gate = new();
    private static readonly Queue<(long Version, ActivityContext Context)> Writes = new();

    /// <summary>An Admin API write's span, continuing the caller's W3C trace context.</summary>
    public static Activity? StartWrite(HttpContext http, string operation, string actor)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Source.HasListeners())
        {
            return null;
        }
        var headers = http.Request.Headers;
        ActivityContext.TryParse(headers.TraceParent.ToString(), headers.TraceState.ToString(), isRemote: true, out var parent);
        // Named by the route template (low cardinality); the operation with its values is a tag.
        var template = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value;
        var activity = Source.StartActivity(http.Request.Method + " " + template, ActivityKind.Server, parent);
        activity?.SetTag("hybridgateway.admin.operation", operation);
        activity?.SetTag("hybridgateway.admin.actor", actor);
        activity?.SetTag("http.request.method", http.Request.Method);
        return activity;
    }

    /// <summary>Records what the write came to; a committed version is remembered so that the sends of it can link to this span.</summary>
    public static void EndWrite(Activity? activity, string outcome, long version, int attempts)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetTag("hybridgateway.commit.outcome", outcome);
        activity.SetTag("hybridgateway.config.version", version);
        activity.SetTag("hybridgateway.commit.attempts", attempts);
        if (outcome is "invalid" or "conflict")
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome);
        }
        if (outcome == "committed")
        {
            lock (Gate)
            {
                Writes.Enqueue((version, activity.Context));
                while (Writes.Count > RememberedWrites)
                {
                    Writes.Dequeue();
                }
            }
        }
        activity.Dispose();
    }

    /// <summary>A config sent to one node, linked to the write that made the version when this replica made it; the caller tags the kind (snapshot or delta).</summary>
    public static Activity? StartSend(string nodeId, long fromVersion, long version)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        ActivityLink[]? links = null;
        lock (Gate)
        {
            foreach (var (written, context) in Writes)
            {
                if (written == version)
                {
                    links = [new ActivityLink(context)];
                }
            }
        }
        var activity = Source.StartActivity(ActivityKind.Producer, default, links: links, name: "sync send");
        activity?.SetTag("hybridgateway.node.id", nodeId);
        activity?.SetTag("hybridgateway.sync.from_version", fromVersion);
        activity?.SetTag("hybridgateway.config.version", version);
        return activity;
    }

    /// <summary>A node refused a config: a span of its own, in error, with the node's reason.</summary>
    public static void Nack(string nodeId, long version, string code, string message, int entities)
    {
        if (!Source.HasListeners())
        {
            return;
        }
        using var activity = Source.StartActivity("sync nack", ActivityKind.Consumer);
        if (activity is null)
        {
            return;
        }
        activity.SetTag("hybridgateway.node.id", nodeId);
        activity.SetTag("hybridgateway.config.version", version);
        activity.SetTag("hybridgateway.nack.code", code);
        activity.SetTag("hybridgateway.nack.entities", entities);
        activity.SetStatus(ActivityStatusCode.Error, message.Length > 512 ? message[..512] : message);
    }

    /// <summary>A full snapshot being built (once per version, however many nodes need it).</summary>
    public static Activity? StartSnapshotBuild(long version)
    {
        var activity = Source.HasListeners() ? Source.StartActivity("sync snapshot build", ActivityKind.Internal) : null;
        activity?.SetTag("hybridgateway.config.version", version);
        return activity;
    }
}
