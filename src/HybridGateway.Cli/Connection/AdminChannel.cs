using Grpc.Net.Client;

namespace HybridGateway.Cli.Connection;

/// <summary>The gRPC channel: h2c for http:// addresses, TLS for https:// (with the custom CA when one is given).</summary>
public static class AdminChannel
{
    public static GrpcChannel Open(ConnectionSettings settings)
    {
        if (!Uri.TryCreate(settings.Address, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw CliFailure.Usage($"--address: '{settings.Address}' is not an http:// or https:// URL");
        }
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            EnableMultipleHttp2Connections = true,
        };
        if (settings.CaFile is { } caFile)
        {
            if (address.Scheme != "https")
            {
                throw CliFailure.Usage("--ca needs an https:// address; " + settings.Address + " is plain h2c");
            }
            handler.SslOptions.RemoteCertificateValidationCallback = CustomCaValidation.FromPemFile(caFile).Validate;
        }
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            // Exports and declarative documents run to tens of MiB (the control plane accepts 64 MiB).
            MaxReceiveMessageSize = 256 * 1024 * 1024,
            MaxSendMessageSize = 256 * 1024 * 1024,
        });
    }
}
