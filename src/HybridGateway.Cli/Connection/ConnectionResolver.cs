using System.CommandLine;

namespace HybridGateway.Cli.Connection;

/// <summary>Each setting from its option, else its environment variable, else the saved login.</summary>
public static class ConnectionResolver
{
    /// <summary>The control plane's default loopback gRPC port (ControlPlane:AdminGrpcListen).</summary>
    public const string DefaultAddress = "http://127.0.0.1:8011";

    public static ConnectionSettings Resolve(ParseResult parse, GlobalOptions globals, bool useSavedLogin)
    {
        var saved = useSavedLogin ? ConfigFile.Load() : null;
        var address = First(parse.GetValue(globals.Address), Environment.GetEnvironmentVariable("HGW_ADDRESS"), saved?.Address) ?? DefaultAddress;
        var token = First(parse.GetValue(globals.Token), Environment.GetEnvironmentVariable("HGW_TOKEN"), saved?.Token);
        var ca = First(parse.GetValue(globals.Ca), Environment.GetEnvironmentVariable("HGW_CA"), saved?.Ca);
        return new ConnectionSettings(address, token, ca);
    }

    private static string? First(params string?[] values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }
        return null;
    }
}
