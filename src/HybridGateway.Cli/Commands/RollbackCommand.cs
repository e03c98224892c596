using System.CommandLine;
using System.Text.Json.Nodes;
using Grpc.Core;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary>
/// <c>hgw rollback N</c>: shows what returning to version N changes, asks, then appends a version
/// equal to N, refused if someone else wrote in between.
/// </summary>
public static class RollbackCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var target = new Argument<long>("version") { Description = "The version whose content to restore." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Roll back without asking (required without a terminal)." };
        var reason = new Option<string?>("--reason") { Description = "Why, recorded in the history." };
        var command = new Command("rollback", "Append a new config version equal to an earlier one.") { target, yes, reason };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, globals, (session, ct) =>
            RunAsync(session, parse.GetValue(target), parse.GetValue(yes), parse.GetValue(reason) ?? "", ct), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(CliSession session, long target, bool yes, string reason, CancellationToken cancellation)
    {
        var console = session.Console;
        var current = await session.CurrentVersionAsync(cancellation);
        var diff = await session.Client.DiffConfigAsync(new DiffConfigRequest { From = current, To = target }, session.Call(cancellation));
        if (!console.IsJson)
        {
            if (diff.Changes.Count > 0)
            {
                console.Table(Changes.Table(diff.Changes));
            }
            console.Line($"Rolling back from version {current} to the content of version {target}: {Changes.Summary(diff.Summary)}.");
        }
        Confirmation.Require(yes, $"Roll back to version {target} ({Changes.Total(diff.Summary)} changes)?");
        RollbackResponse rollback;
        try
        {
            var request = new RollbackRequest { Version = target, ExpectedVersion = current, Reason = reason };
            rollback = await session.Client.RollbackAsync(request, session.Call(cancellation));
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Aborted)
        {
            return ErrorReport.Write(console, error, $"The config moved on from version {current} while you decided; nothing was written. Run 'hgw rollback {target}' again.");
        }
        if (console.IsJson)
        {
            CliConsole.Json(new JsonObject { ["diff"] = ProtoJson.ToNode(diff), ["rollback"] = ProtoJson.ToNode(rollback) });
        }
        else
        {
            console.Line($"Rolled back: version {rollback.Version} restores version {rollback.RestoredVersion} ({Changes.Summary(rollback.Summary)}).", "green");
        }
        return ExitCodes.Ok;
    }
}
