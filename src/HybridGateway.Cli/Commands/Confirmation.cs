using HybridGateway.Cli.Output;

namespace HybridGateway.Cli.Commands;

/// <summary>Asks before a write: never without a terminal (then --yes is required), and "no" writes nothing.</summary>
public static class Confirmation
{
    public static void Require(bool yes, string question)
    {
        if (yes)
        {
            return;
        }
        if (!CliConsole.CanPrompt)
        {
            throw new CliFailure(ExitCodes.Usage, "not confirmed: there is no terminal to ask on; pass --yes to write without asking (nothing was written)");
        }
        if (!CliConsole.Confirm(question))
        {
            throw new CliFailure(ExitCodes.NotConfirmed, "not confirmed; nothing was written");
        }
    }
}
