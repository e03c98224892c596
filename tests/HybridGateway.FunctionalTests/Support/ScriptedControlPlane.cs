using System.Globalization;
using System.Threading.Channels;
using Grpc.Core;
using HybridGateway.Contracts.Sync.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>
/// A stand-in control plane that speaks the sync protocol on a real socket and sends exactly what
/// a test tells it to (gaps, out-of-order deltas, bad hashes), recording what the node answers.
/// </summary>
public sealed class ScriptedControlPlane : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedControlPlane(WebApplication app, int port, Conversation script)
    {
        _app = app;
        Port = port;
        Script = script;
    }

    public int Port { get; }

    public string Url => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public Conversation Script { get; }

    public static async Task<ScriptedControlPlane> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var script = new Conversation();
        builder.Services.AddSingleton(script);
        var app = builder.Build();
        app.MapGrpcService<ScriptedSyncService>();
        await app.StartAsync();
        return new ScriptedControlPlane(app, port, script);
    }

    public async ValueTask DisposeAsync()
    {
        Script.Outgoing.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>What to send, and what the node sent.</summary>
    public sealed class Conversation
    {
        public Channel<ControlPlaneMessage> Outgoing { get; } = Channel.CreateUnbounded<ControlPlaneMessage>();

        public Channel<NodeMessage> Incoming { get; } = Channel.CreateUnbounded<NodeMessage>();

        public void Send(ControlPlaneMessage message) => Outgoing.Writer.TryWrite(message);

        /// <summary>The next message of the given kind from the node, skipping heartbeats.</summary>
        public async Task<NodeMessage> NextAsync(NodeMessage.KindOneofCase kind, TimeSpan? timeout = null)
        {
            using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
            while (true)
            {
                var message = await Incoming.Reader.ReadAsync(cancel.Token);
                if (message.KindCase == kind)
                {
                    return message;
                }
                if (message.KindCase != NodeMessage.KindOneofCase.Heartbeat)
                {
                    throw new InvalidOperationException("expected " + kind + " from the node, got " + message);
                }
            }
        }
    }

    private sealed class ScriptedSyncService(Conversation script) : ConfigSync.ConfigSyncBase
    {
        public override async Task Stream(IAsyncStreamReader<NodeMessage> requestStream, IServerStreamWriter<ControlPlaneMessage> responseStream, ServerCallContext context)
        {
            var reading = Task.Run(async () =>
            {
                while (await requestStream.MoveNext(context.CancellationToken))
                {
                    await script.Incoming.Writer.WriteAsync(requestStream.Current, context.CancellationToken);
                }
            });
            try
            {
                await foreach (var message in script.Outgoing.Reader.ReadAllAsync(context.CancellationToken))
                {
                    await responseStream.WriteAsync(message, context.CancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
            }
            await reading.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
