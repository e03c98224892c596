using System.Globalization;
using HybridGateway.DemoUpstream;
using Microsoft.AspNetCore.Builder;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>An echo upstream on a random loopback port, answering with what it received.</summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoUpstream(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Url => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public static async Task<EchoUpstream> StartAsync(string name)
    {
        var port = FreePort.Next();
        var app = EchoServer.Build(name, "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        await app.StartAsync();
        return new EchoUpstream(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
