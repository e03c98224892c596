using System.CommandLine;
using Grpc.Core;
using HybridGateway.Cli.Connection;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary>
/// Runs one command: resolves the connection, opens the channel, and turns every failure into its
/// message and exit code (see <see cref="ExitCodes"/>).
/// </summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(
        ParseResult parse, GlobalOptions globals, Func<CliSession, CancellationToken, Task<int>> body, CancellationToken cancellation, bool useSavedLogin = true)
    {
        var console = CliConsole.Create(parse.GetValue(globals.Output) == "json");
        try
        {
            var settings = ConnectionResolver.Resolve(parse, globals, useSavedLogin);
            if (settings.Token is null)
            {
                throw new CliFailure(ExitCodes.Unreachable, "no token: run 'hgw login', pass --token or set HGW_TOKEN");
            }
            using var channel = AdminChannel.Open(settings);
            var session = new CliSession(parse, console, new AdminApi.AdminApiClient(channel), settings);
            return await body(session, cancellation);
        }
        catch (CliFailure failure)
        {
            WriteFailure(console, failure);
            return failure.ExitCode;
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Cancelled && cancellation.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (RpcException error)
        {
            return ErrorReport.Write(console, error);
        }
    }

    private static void WriteFailure(CliConsole console, CliFailure failure)
    {
        if (console.IsJson)
        {
            var error = new System.Text.Json.Nodes.JsonObject { ["message"] = failure.Message, ["exit_code"] = failure.ExitCode };
            Console.Error.WriteLine(new System.Text.Json.Nodes.JsonObject { ["error"] = error }.ToJsonString(JsonText.Compact));
        }
        else
        {
            Console.Error.WriteLine("error: " + failure.Message);
        }
    }
}
