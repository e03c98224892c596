namespace HybridGateway.Cli.Output;

/// <summary>One table cell: its text and, on a terminal, an optional Spectre style ("green", "bold red").</summary>
public readonly record struct Cell(string Text, string? Style = null)
{
    public static implicit operator Cell(string? text) => new(string.IsNullOrEmpty(text) ? "-" : text);
}
