using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary><c>hgw tokens list|create|revoke</c>: scoped admin tokens (admin tokens only). A new token's secret is shown once.</summary>
public static class TokensCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("tokens", "Manage scoped admin tokens.");
        command.Subcommands.Add(List(globals));
        command.Subcommands.Add(CreateToken(globals));
        command.Subcommands.Add(Revoke(globals));
        return command;
    }

    private static Command List(GlobalOptions globals)
    {
        var command = new Command("list", "List tokens (never their secrets).");
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, globals, async (session, ct) =>
        {
            var tokens = await session.Client.ListTokensAsync(new ListTokensRequest(), session.Call(ct));
            if (session.Console.IsJson)
            {
                CliConsole.Json(ProtoJson.ToNode(tokens));
                return ExitCodes.Ok;
            }
            var table = new TableView("name", "role", "tags", "expires at", "created at", "created by");
            foreach (var token in tokens.Data)
            {
                var created = DateTimeOffset.FromUnixTimeSeconds(token.CreatedAt).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                table.Add(token.Name, token.Role, string.Join(",", token.Tags), string.IsNullOrEmpty(token.ExpiresAt) ? "never" : token.ExpiresAt, created, token.CreatedBy);
            }
            session.Console.Table(table);
            return ExitCodes.Ok;
        }, cancellation));
        return command;
    }

    private static Command CreateToken(GlobalOptions globals)
    {
        var name = new Argument<string>("name") { Description = "The token's name, recorded as the actor in the history." };
        var role = new Option<string>("--role") { Description = "read-only, operator (entities and config) or admin.", DefaultValueFactory = _ => "read-only" };
        role.AcceptOnlyFromAmong("read-only", "operator", "admin");
        var expiresAt = new Option<string?>("--expires-at") { Description = "RFC 3339 time after which the token is refused." };
        var tags = new Option<string[]>("--tag") { Description = "Restrict the token to entities with this tag (repeatable).", DefaultValueFactory = _ => [] };
        var command = new Command("create", "Create a token and print its secret, once.") { name, role, expiresAt, tags };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, globals, async (session, ct) =>
        {
            var request = new CreateTokenRequest { Name = parse.GetValue(name)!, Role = parse.GetValue(role)!, ExpiresAt = parse.GetValue(expiresAt) ?? "" };
            request.Tags.AddRange(parse.GetValue(tags) ?? []);
            var created = await session.Client.CreateTokenAsync(request, session.Call(ct));
            if (session.Console.IsJson)
            {
                CliConsole.Json(ProtoJson.ToNode(created));
                return ExitCodes.Ok;
            }
            session.Console.Line($"Created token '{created.Token.Name}' ({created.Token.Role}, id {created.Token.Id}).", "green");
            session.Console.Line("Its secret, shown this once (only its hash is stored):");
            CliConsole.Raw(created.Secret);
            return ExitCodes.Ok;
        }, cancellation));
        return command;
    }

    private static Command Revoke(GlobalOptions globals)
    {
        var key = new Argument<string>("name") { Description = "The token's name or id." };
        var command = new Command("revoke", "Revoke a token: every replica refuses it at once.") { key };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, globals, async (session, ct) =>
        {
            await session.Client.RevokeTokenAsync(new RevokeTokenRequest { Key = parse.GetValue(key)! }, session.Call(ct));
            if (session.Console.IsJson)
            {
                CliConsole.Json(new JsonObject { ["revoked"] = parse.GetValue(key) });
            }
            else
            {
                session.Console.Line($"Revoked token '{parse.GetValue(key)}'.");
            }
            return ExitCodes.Ok;
        }, cancellation));
        return command;
    }
}
