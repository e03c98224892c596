namespace HybridGateway.FunctionalTests.Deploy;

/// <summary>An outside program (kubectl, bash, systemd-analyze) run to completion, its output kept apart by stream.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => "exit code " + ExitCode + "\n--- stdout ---\n" + StandardOutput + "\n--- stderr ---\n" + StandardError;
}
