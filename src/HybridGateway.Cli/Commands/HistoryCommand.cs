using System.CommandLine;
using System.Globalization;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary><c>hgw history</c>: the newest config versions, who made them and why.</summary>
public static class HistoryCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var size = new Option<int>("--size") { Description = "How many versions, newest first (1..1000).", DefaultValueFactory = _ => 20 };
        size.Validators.Add(r =>
        {
            // Only a number out of range: a value that is no number at all is the parser's error.
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[^1].Value, CultureInfo.InvariantCulture, out var value) && value is < 1 or > 1000)
            {
                r.AddError("--size must be between 1 and 1000");
            }
        });
        var command = new Command("history", "List config versions: version, time, actor, operation, reason, summary.") { size };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, globals, async (session, ct) =>
        {
            var history = await session.Client.ListHistoryAsync(new ListHistoryRequest { Size = parse.GetValue(size) }, session.Call(ct));
            if (session.Console.IsJson)
            {
                CliConsole.Json(ProtoJson.ToNode(history));
                return ExitCodes.Ok;
            }
            var table = new TableView("version", "at", "actor", "operation", "reason", "summary");
            foreach (var entry in history.Data)
            {
                table.Add(entry.Version.ToString(CultureInfo.InvariantCulture), Changes.Time(entry.At), entry.Actor, entry.Operation, entry.Reason, Changes.Summary(entry.Summary));
            }
            session.Console.Table(table);
            return ExitCodes.Ok;
        }, cancellation));
        return command;
    }
}
