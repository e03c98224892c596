using System.CommandLine;
using System.Text.Json.Nodes;
using HybridGateway.Cli.Connection;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary><c>hgw login</c>: checks the token against the control plane, then saves address, token and CA (mode 0600).</summary>
public static class LoginCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("login", "Check an address and token against the control plane and save them for later commands (the token is never printed).");
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, globals, RunAsync, cancellation, useSavedLogin: false));
        return command;
    }

    private static async Task<int> RunAsync(CliSession session, CancellationToken cancellation)
    {
        // Any role may read the history (ListTokens is for admins only), so this checks the token, not its role.
        var history = await session.Client.ListHistoryAsync(new ListHistoryRequest { Size = 1 }, session.Call(cancellation));
        var settings = session.Settings;
        var ca = settings.CaFile is null ? null : Path.GetFullPath(settings.CaFile);
        var path = ConfigFile.Save(new SavedLogin { Address = settings.Address, Token = settings.Token, Ca = ca });
        var version = history.Data.Count == 0 ? 0 : history.Data[0].Version;
        if (session.Console.IsJson)
        {
            CliConsole.Json(new JsonObject { ["address"] = settings.Address, ["config_file"] = path, ["ca"] = ca, ["config_version"] = version });
        }
        else
        {
            session.Console.Line($"Logged in to {settings.Address} (config version {version}); saved to {path}.", "green");
        }
        return ExitCodes.Ok;
    }
}
