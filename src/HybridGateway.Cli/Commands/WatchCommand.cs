using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary>
/// <c>hgw watch</c>: one line per config version and per node status change, until Ctrl-C. A watch
/// the server ends for falling behind (RESOURCE_EXHAUSTED) resumes from the last version seen.
/// </summary>
public static class WatchCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var from = new Option<long?>("--from") { Description = "Replay the versions after this one first, then go live." };
        var configOnly = new Option<bool>("--config-only") { Description = "Only config versions." };
        var nodesOnly = new Option<bool>("--nodes-only") { Description = "Only node status changes." };
        var command = new Command("watch", "Print each config version and node status change as it happens, until Ctrl-C.") { from, configOnly, nodesOnly };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, globals, (session, ct) =>
        {
            var request = new WatchRequest { ConfigOnly = parse.GetValue(configOnly), NodesOnly = parse.GetValue(nodesOnly) };
            if (parse.GetValue(from) is { } version)
            {
                request.FromVersion = version;
            }
            return RunAsync(session, request, ct);
        }, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(CliSession session, WatchRequest request, CancellationToken cancellation)
    {
        while (true)
        {
            using var call = session.Client.Watch(request, session.Call(cancellation));
            try
            {
                await foreach (var change in call.ResponseStream.ReadAllAsync(cancellation))
                {
                    if (change.Config is { } config)
                    {
                        request.FromVersion = config.Version;
                    }
                    Print(session.Console, change);
                }
                return ExitCodes.Ok;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.ResourceExhausted)
            {
                CliConsole.Note($"hgw: the watch fell behind ({error.Status.Detail}); resuming"
                    + (request.HasFromVersion ? " from version " + request.FromVersion.ToString(CultureInfo.InvariantCulture) : ""));
            }
        }
    }

    private static void Print(CliConsole console, WatchEvent change)
    {
        if (console.IsJson)
        {
            CliConsole.JsonLine(ProtoJson.ToNode(change));
            return;
        }
        if (change.Config is { } config)
        {
            var reason = string.IsNullOrEmpty(config.Reason) ? "" : $" reason: {config.Reason}";
            console.Line($"{Changes.Time(config.At)}  version {config.Version}  {config.Actor}  {config.Operation}  {Changes.Summary(config.Summary)}{reason}", "bold");
        }
        else if (change.Node is { } node)
        {
            var plane = node.Node ?? new DataPlane();
            var nack = NodesCommand.LastNack(plane.LastNack);
            console.Line(
                $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}  node {plane.Id}  {node.Event}  status {plane.SyncStatus}  version {plane.AppliedVersion}  lag {plane.LagVersions}"
                + (nack.Length > 0 ? "  last nack " + nack : ""),
                NodesCommand.StatusStyle(plane.SyncStatus));
        }
    }
}
