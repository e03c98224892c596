using System.CommandLine;
using Grpc.Core;
using HybridGateway.Cli.Connection;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary>What a command runs with: its parsed arguments, the console, and an Admin API client that sends the token.</summary>
public sealed class CliSession(ParseResult parse, CliConsole console, AdminApi.AdminApiClient client, ConnectionSettings settings)
{
    public ParseResult Parse { get; } = parse;

    public CliConsole Console { get; } = console;

    public AdminApi.AdminApiClient Client { get; } = client;

    public ConnectionSettings Settings { get; } = settings;

    public CallOptions Call(CancellationToken cancellation)
    {
        var headers = new Metadata();
        if (Settings.Token is { } token)
        {
            headers.Add("authorization", "Bearer " + token);
        }
        return new CallOptions(headers, cancellationToken: cancellation);
    }

    /// <summary>The config's current version, from the newest history entry (0 when there is none).</summary>
    public async Task<long> CurrentVersionAsync(CancellationToken cancellation)
    {
        var history = await Client.ListHistoryAsync(new ListHistoryRequest { Size = 1 }, Call(cancellation));
        return history.Data.Count == 0 ? 0 : history.Data[0].Version;
    }
}
