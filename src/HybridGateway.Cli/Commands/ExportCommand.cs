using System.CommandLine;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary><c>hgw export</c>: the config (now, or at a past version) as a decK document, to stdout or a file.</summary>
public static class ExportCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var version = new Option<long?>("--version") { Description = "A past version; the current one when absent." };
        var format = new Option<string?>("--format") { Description = "yaml (default) or json; from the file's extension with -o." };
        format.AcceptOnlyFromAmong("yaml", "json");
        var file = new Option<string?>("--output-file", "-o") { Description = "Write the document to this file instead of stdout." };
        var command = new Command("export", "Print the config as a decK document.") { version, format, file };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, globals, async (session, ct) =>
        {
            var path = parse.GetValue(file);
            var request = new ExportConfigRequest { Format = parse.GetValue(format) ?? FormatOf(path) };
            if (parse.GetValue(version) is { } past)
            {
                request.Version = past;
            }
            var export = await session.Client.ExportConfigAsync(request, session.Call(ct));
            if (path is not null)
            {
                await WriteAsync(path, export.Document, ct);
            }
            if (session.Console.IsJson)
            {
                var json = ProtoJson.ToNode(export);
                json["format"] = request.Format;
                json["file"] = path;
                CliConsole.Json(json);
            }
            else if (path is null)
            {
                Console.Out.Write(export.Document.EndsWith('\n') ? export.Document : export.Document + "\n");
            }
            else
            {
                session.Console.Line($"Exported version {export.Version} (hash {export.Hash}) to {path}.");
            }
            return ExitCodes.Ok;
        }, cancellation));
        return command;
    }

    private static string FormatOf(string? path) =>
        path is not null && Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "yaml";

    private static async Task WriteAsync(string path, string document, CancellationToken cancellation)
    {
        try
        {
            await File.WriteAllTextAsync(path, document, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"cannot write {path}: {e.Message}");
        }
    }
}
