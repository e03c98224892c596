using System.CommandLine;
using System.Globalization;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary><c>hgw nodes</c>: each data plane, its region, the version it serves, its lag and last NACK.</summary>
public static class NodesCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("nodes", "List data planes: node, region, applied version, lag, status, last NACK.");
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, globals, async (session, ct) =>
        {
            var nodes = await session.Client.ListDataPlanesAsync(new ListDataPlanesRequest(), session.Call(ct));
            if (session.Console.IsJson)
            {
                CliConsole.Json(ProtoJson.ToNode(nodes));
                return ExitCodes.Ok;
            }
            var table = new TableView("node", "region", "version", "lag", "status", "last nack");
            foreach (var node in nodes.Data)
            {
                table.Add(
                    node.Id,
                    node.Labels.TryGetValue("region", out var region) ? region : "",
                    node.AppliedVersion.ToString(CultureInfo.InvariantCulture),
                    node.LagVersions.ToString(CultureInfo.InvariantCulture),
                    new Cell(node.SyncStatus, StatusStyle(node.SyncStatus)),
                    LastNack(node.LastNack));
            }
            session.Console.Table(table);
            session.Console.Line($"{nodes.Data.Count} nodes; the config is at version {nodes.ConfigVersion}.");
            return ExitCodes.Ok;
        }, cancellation));
        return command;
    }

    public static string LastNack(Nack? nack) =>
        nack is null || string.IsNullOrEmpty(nack.Code) ? "" : $"{nack.Code} v{nack.RejectedVersion.ToString(CultureInfo.InvariantCulture)}";

    public static string? StatusStyle(string status) => status switch
    {
        "in_sync" => "green",
        "syncing" => "yellow",
        "nack" or "refused" or "disconnected" => "red",
        _ => null,
    };
}
