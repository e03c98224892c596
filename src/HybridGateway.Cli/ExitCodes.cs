namespace HybridGateway.Cli;

/// <summary>What hgw's exit code means; scripts rely on these, so they never change.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The control plane answered with an error (bad input, not found, forbidden, version conflict, ...).</summary>
    public const int ServerError = 1;

    /// <summary>Bad usage: unknown command or option, bad value, unreadable file, bad template, or a write that needs --yes without a terminal.</summary>
    public const int Usage = 2;

    /// <summary>No answer from the control plane (cannot connect, TLS failure), or the token is missing or refused.</summary>
    public const int Unreachable = 3;

    /// <summary>The operator answered no at the prompt; nothing was written.</summary>
    public const int NotConfirmed = 4;
}
