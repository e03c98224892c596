using System.CommandLine;

namespace HybridGateway.Cli;

/// <summary>Options every command accepts: where the control plane is, the token, its CA, and the output format.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Address { get; } = new("--address")
    {
        Description = "The control plane's gRPC Admin API: http://host:port (h2c) or https://host:port (TLS). Default: $HGW_ADDRESS, then the saved login.",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "The admin token. Default: $HGW_TOKEN, then the saved login.",
        Recursive = true,
    };

    public Option<string?> Ca { get; } = new("--ca")
    {
        Description = "A PEM file with the CA that signed the control plane's certificate (https only). Default: $HGW_CA, then the saved login.",
        Recursive = true,
    };

    public Option<string> Output { get; } = CreateOutput();

    public void AddTo(Command root)
    {
        root.Options.Add(Address);
        root.Options.Add(Token);
        root.Options.Add(Ca);
        root.Options.Add(Output);
    }

    private static Option<string> CreateOutput()
    {
        var option = new Option<string>("--output")
        {
            Description = "text (tables on a terminal, plain columns otherwise) or json (one JSON document, no decoration).",
            Recursive = true,
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }
}
