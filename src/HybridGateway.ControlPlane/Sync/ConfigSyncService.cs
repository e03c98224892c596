using System.Text.RegularExpressions;
using Grpc.Core;
using HybridGateway.Sync;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.ControlPlane.Hosting;
using Microsoft.Extensions.Options;
using HybridGateway.Hosting;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>
/// The cluster port's sync endpoint: checks the node's Hello (protocol, software version, and
/// with mTLS that the node id is the certificate's), then hands the stream to a <see cref="NodeSession"/>.
/// </summary>
public sealed partial class ConfigSyncService(
    IServiceProvider services,
    NodeRegistry registry,
    ConnectedNodes connected,
    IOptions<ControlPlaneOptions> options,
    TimeProvider clock,
    ILogger<ConfigSyncService> logger) : ConfigSync.ConfigSyncBase
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);

    public override async Task Stream(IAsyncStreamReader<NodeMessage> requestStream, IServerStreamWriter<ControlPlaneMessage> responseStream, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (ListenerTags.Of(http) != Listeners.Cluster)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "sync is served on the cluster port only"));
        }
        using var helloWait = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        helloWait.CancelAfter(HelloTimeout);
        Hello? hello = null;
        try
        {
            if (await requestStream.MoveNext(helloWait.Token) && requestStream.Current.KindCase == NodeMessage.KindOneofCase.Hello)
            {
                hello = requestStream.Current.Hello;
            }
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
        }
        var (code, reason) = hello is null ? ("bad_hello", "the first message must be Hello, within " + HelloTimeout.TotalSeconds + " s") : Check(hello, http);
        if (code is not null)
        {
            LogRefused(logger, hello?.NodeId ?? "?", code, reason!);
            if (hello is not null && !string.IsNullOrEmpty(hello.NodeId))
            {
                registry.Update(new DataPlaneNode
                {
                    Id = hello.NodeId,
                    Hostname = hello.Hostname,
                    Ip = http.Connection.RemoteIpAddress?.ToString(),
                    SoftwareVersion = hello.SoftwareVersion,
                    Labels = new Dictionary<string, string>(hello.Labels),
                    AppliedVersion = (long)hello.AppliedVersion,
                    SyncStatus = NodeSyncStatus.Refused,
                    RefusedReason = reason,
                    LastSeen = clock.GetUtcNow(),
                    ControlPlane = options.Value.NodeName,
                });
            }
            await responseStream.WriteAsync(new ControlPlaneMessage { Refused = new Refused { Code = code, Reason = reason } });
            return;
        }
        var session = ActivatorUtilities.CreateInstance<NodeSession>(services);
        connected.Connected();
        try
        {
            await session.RunAsync(hello!, http.Connection.RemoteIpAddress?.ToString(), requestStream, responseStream, context.CancellationToken);
        }
        finally
        {
            connected.Disconnected();
        }
    }

    private (string? Code, string? Reason) Check(Hello hello, HttpContext http)
    {
        if (!NodeIdPattern().IsMatch(hello.NodeId))
        {
            return ("bad_hello", "node_id must be 1 to 128 of A-Z a-z 0-9 . _ : -");
        }
        if (hello.ProtocolVersion != SyncProtocol.ProtocolVersion)
        {
            return ("incompatible_protocol", "the node speaks sync protocol " + hello.ProtocolVersion + ", this control plane speaks " + SyncProtocol.ProtocolVersion);
        }
        if (SyncProtocol.Incompatibility(hello.SoftwareVersion, SyncProtocol.SoftwareVersion) is { } incompatibility)
        {
            return ("incompatible_version", incompatibility);
        }
        if (options.Value.ClusterTls.IsConfigured)
        {
            var certificate = http.Connection.ClientCertificate;
            if (certificate is null)
            {
                return ("identity_mismatch", "no client certificate");
            }
            var names = NodeIdentity.NamesOf(certificate);
            if (!names.Contains(hello.NodeId, StringComparer.Ordinal))
            {
                return ("identity_mismatch", "node_id '" + hello.NodeId + "' is not the identity of the client certificate (" + string.Join(", ", names) + ")");
            }
        }
        return (null, null);
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex NodeIdPattern();

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Refused node {NodeId}: {Code}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string nodeId, string code, string reason);
}
