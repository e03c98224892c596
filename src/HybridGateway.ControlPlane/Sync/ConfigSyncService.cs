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
        var (code, reason, verifiedId) = hello is null
            ? ("bad_hello", "the first message must be Hello, within " + HelloTimeout.TotalSeconds + " s", null)
            : Check(hello, http);
        if (code is not null)
        {
            LogRefused(logger, verifiedId ?? "(unverified)", code, reason!);
            // Only an identity the connection proved is recorded: a refused node must not be able to
            // write entries under names it merely claims.
            if (verifiedId is not null)
            {
                registry.Update(new DataPlaneNode
                {
                    Id = verifiedId,
                    Hostname = Truncate(hello!.Hostname),
                    Ip = http.Connection.RemoteIpAddress?.ToString(),
                    SoftwareVersion = Truncate(hello.SoftwareVersion),
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
            await session.RunAsync(hello!, http.Connection.RemoteIpAddress?.ToString(), requestStream, responseStream, http.Abort, context.CancellationToken);
        }
        finally
        {
            connected.Disconnected();
        }
    }

    /// <summary>
    /// Checks a Hello. Returns the refusal (code, reason) if any, and the node id the connection has
    /// proved: the certificate's own name with mTLS, or the claimed id when it is well formed without.
    /// </summary>
    private (string? Code, string? Reason, string? VerifiedId) Check(Hello hello, HttpContext http)
    {
        if (!NodeIdentity.IsWellFormed(hello.NodeId))
        {
            return ("bad_hello", "node_id must be 1 to 128 of A-Z a-z 0-9 . _ : -", null);
        }
        var verified = hello.NodeId;
        if (options.Value.ClusterTls.IsConfigured)
        {
            var names = http.Connection.ClientCertificate is { } certificate ? NodeIdentity.NamesOf(certificate) : [];
            if (!names.Contains(hello.NodeId, StringComparer.Ordinal))
            {
                // Logged, not recorded: recording it under either name would let one node rewrite another's status.
                return ("identity_mismatch",
                    "node_id '" + hello.NodeId + "' is not the identity of the client certificate (" + string.Join(", ", names) + ")", null);
            }
        }
        if (hello.ProtocolVersion != SyncProtocol.ProtocolVersion)
        {
            return ("incompatible_protocol", "the node speaks sync protocol " + hello.ProtocolVersion + ", this control plane speaks " + SyncProtocol.ProtocolVersion, verified);
        }
        if (SyncProtocol.Incompatibility(hello.SoftwareVersion, SyncProtocol.SoftwareVersion) is { } incompatibility)
        {
            return ("incompatible_version", incompatibility, verified);
        }
        return (null, null, verified);
    }

    private static string Truncate(string text) => text.Length <= 256 ? text : text[..256];

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Refused node {NodeId}: {Code}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string nodeId, string code, string reason);
}
