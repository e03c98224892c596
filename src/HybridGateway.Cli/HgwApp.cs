using System.CommandLine;
using System.Text;
using HybridGateway.Cli.Commands;

namespace HybridGateway.Cli;

/// <summary>Builds the command tree and runs it; parse errors end with <see cref="ExitCodes.Usage"/>.</summary>
public static class HgwApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("hgw: " + error.Message);
            }
            await Console.Error.WriteLineAsync("Run 'hgw --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync();
    }

    public static RootCommand Build()
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("hgw: drive a HybridGateway control plane over its gRPC Admin API.");
        globals.AddTo(root);
        root.Subcommands.Add(LoginCommand.Create(globals));
        root.Subcommands.Add(ApplyCommand.Create(globals));
        root.Subcommands.Add(ExportCommand.Create(globals));
        root.Subcommands.Add(HistoryCommand.Create(globals));
        root.Subcommands.Add(DiffCommand.Create(globals));
        root.Subcommands.Add(RollbackCommand.Create(globals));
        root.Subcommands.Add(NodesCommand.Create(globals));
        root.Subcommands.Add(WatchCommand.Create(globals));
        root.Subcommands.Add(TokensCommand.Create(globals));
        return root;
    }
}
