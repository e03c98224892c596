using System.Diagnostics;
using Grpc.Core;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.Sync;

namespace HybridGateway.Bench.FanOut;

/// <summary>
/// A node that speaks the sync protocol but applies nothing: it acknowledges every complete
/// snapshot or delta with the version and hash it was sent, and notes when.
/// </summary>
internal sealed class SimulatedNode(string id, ConfigSync.ConfigSyncClient client, Stopwatch clock)
{
    private readonly Dictionary<long, double> _acked = [];
    private readonly Lock _gate = new();

    public string Id { get; } = id;

    public long AppliedVersion { get; private set; }

    public bool TryGetAckTime(long version, out double milliseconds)
    {
        lock (_gate)
        {
            return _acked.TryGetValue(version, out milliseconds);
        }
    }

    public async Task RunAsync(CancellationToken cancellation)
    {
        using var call = client.Stream(cancellationToken: cancellation);
        await call.RequestStream.WriteAsync(new NodeMessage
        {
            Hello = new Hello { NodeId = Id, Hostname = "fanout-bench", SoftwareVersion = SyncProtocol.SoftwareVersion, ProtocolVersion = SyncProtocol.ProtocolVersion },
        }, cancellation);
        try
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync(cancellation))
            {
                var (nonce, version, hash, last) = message.KindCase switch
                {
                    ControlPlaneMessage.KindOneofCase.Snapshot => (message.Snapshot.Nonce, message.Snapshot.Version, message.Snapshot.Hash, message.Snapshot.ChunkIndex + 1 == message.Snapshot.ChunkCount),
                    ControlPlaneMessage.KindOneofCase.Delta => (message.Delta.Nonce, message.Delta.ToVersion, message.Delta.ToHash, message.Delta.ChunkIndex + 1 == message.Delta.ChunkCount),
                    _ => (null, 0UL, null, false),
                };
                if (nonce is null || !last)
                {
                    continue;
                }
                await call.RequestStream.WriteAsync(new NodeMessage { Ack = new Ack { Nonce = nonce, Version = version, Hash = hash } }, cancellation);
                lock (_gate)
                {
                    _acked[(long)version] = clock.Elapsed.TotalMilliseconds;
                    AppliedVersion = (long)version;
                }
            }
        }
        catch (RpcException) when (cancellation.IsCancellationRequested)
        {
        }
    }
}
