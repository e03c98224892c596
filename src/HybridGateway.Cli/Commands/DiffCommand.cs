using System.CommandLine;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary><c>hgw diff A B</c>: the entities created, updated and deleted between two versions.</summary>
public static class DiffCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var from = new Argument<long>("from") { Description = "The older version." };
        var to = new Argument<long>("to") { Description = "The newer version." };
        var command = new Command("diff", "Show what changed between two config versions.") { from, to };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, globals, async (session, ct) =>
        {
            var diff = await session.Client.DiffConfigAsync(new DiffConfigRequest { From = parse.GetValue(from), To = parse.GetValue(to) }, session.Call(ct));
            if (session.Console.IsJson)
            {
                CliConsole.Json(ProtoJson.ToNode(diff));
                return ExitCodes.Ok;
            }
            session.Console.Table(Changes.Table(diff.Changes));
            session.Console.Line($"{Changes.Total(diff.Summary)} changes from version {diff.From} to {diff.To}: {Changes.Summary(diff.Summary)}");
            return ExitCodes.Ok;
        }, cancellation));
        return command;
    }
}
