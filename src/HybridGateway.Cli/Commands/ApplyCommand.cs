using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Grpc.Core;
using HybridGateway.Cli.Deck;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary>
/// <c>hgw apply FILE</c>: a dry run first (the diff as a table), then, once confirmed, the same
/// document applied only if the config is still at the version the dry run saw.
/// </summary>
public static class ApplyCommand
{
    /// <summary>From this size a spinner shows while the control plane works (on a terminal).</summary>
    public const int LargeDocumentBytes = 64 * 1024;

    public static Command Create(GlobalOptions globals)
    {
        var file = new Argument<string>("file") { Description = "A decK file (YAML or JSON); ${{ env \"DECK_…\" }} templates are expanded from the environment." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the diff and stop." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Apply without asking (required without a terminal)." };
        var reason = new Option<string?>("--reason") { Description = "Why, recorded in the history." };
        var command = new Command("apply", "Make the control plane's config what the file says: show the diff, ask, apply.") { file, dryRun, yes, reason };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, globals, (session, ct) =>
        {
            var document = DeckDocument.Load(parse.GetValue(file)!, Environment.GetEnvironmentVariable);
            return RunAsync(session, document, parse.GetValue(dryRun), parse.GetValue(yes), parse.GetValue(reason) ?? "", ct);
        }, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(CliSession session, DeckDocument document, bool dryRunOnly, bool yes, string reason, CancellationToken cancellation)
    {
        var console = session.Console;
        var large = document.Bytes >= LargeDocumentBytes;
        var request = new ApplyConfigRequest { Document = document.Text, Format = document.Format, DryRun = true, Reason = reason };
        var dry = await console.WithStatusAsync($"Checking {document.Path} ({document.Bytes / 1024} KiB)…", large,
            () => session.Client.ApplyConfigAsync(request, session.Call(cancellation)).ResponseAsync);
        var changes = Changes.Total(dry.Summary);
        if (!console.IsJson)
        {
            ShowDiff(console, dry);
        }
        if (dryRunOnly || changes == 0)
        {
            if (console.IsJson)
            {
                CliConsole.Json(new JsonObject { ["dry_run"] = ProtoJson.ToNode(dry), ["applied"] = null });
            }
            else if (changes == 0)
            {
                console.Line("Nothing to apply: the config already matches the file.");
            }
            return ExitCodes.Ok;
        }
        Confirmation.Require(yes, $"Apply {changes} changes to version {dry.Version}?");
        var write = request.Clone();
        write.DryRun = false;
        write.ExpectedVersion = dry.Version;
        ApplyConfigResponse applied;
        try
        {
            applied = await console.WithStatusAsync($"Applying {changes} changes…", large,
                () => session.Client.ApplyConfigAsync(write, session.Call(cancellation)).ResponseAsync);
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Aborted)
        {
            return ErrorReport.Write(console, error,
                $"The config changed after the dry run saw version {dry.Version}; nothing was written. Run 'hgw apply' again to see the new diff.");
        }
        if (console.IsJson)
        {
            CliConsole.Json(new JsonObject { ["dry_run"] = ProtoJson.ToNode(dry), ["applied"] = ProtoJson.ToNode(applied) });
        }
        else
        {
            console.Line($"Applied: version {applied.Version.ToString(CultureInfo.InvariantCulture)} ({Changes.Summary(applied.Summary)}).", "green");
        }
        return ExitCodes.Ok;
    }

    private static void ShowDiff(CliConsole console, ApplyConfigResponse dry)
    {
        if (dry.Changes.Count > 0)
        {
            console.Table(Changes.Table(dry.Changes));
        }
        console.Line($"{Changes.Total(dry.Summary)} changes ({Changes.Summary(dry.Summary)}) to version {dry.Version}; the file has {dry.Entities} entities.");
    }
}
