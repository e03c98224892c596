namespace HybridGateway.Cli;

/// <summary>A failure found by hgw itself (not the server), with the exit code it ends with.</summary>
public sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliFailure Usage(string message) => new(ExitCodes.Usage, message);
}
