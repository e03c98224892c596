using System.Text.Json.Nodes;
using Spectre.Console;

namespace HybridGateway.Cli.Output;

/// <summary>
/// Where hgw writes. Tables, colours and spinners only when stdout is a terminal and the output is
/// text; otherwise plain lines with no ANSI escape, or JSON. Errors and prompts go to stderr.
/// </summary>
public sealed class CliConsole
{
    private readonly IAnsiConsole? _terminal;

    private CliConsole(bool json, IAnsiConsole? terminal)
    {
        IsJson = json;
        _terminal = terminal;
    }

    public bool IsJson { get; }

    /// <summary>Text output to a terminal: tables, colours, spinners.</summary>
    public bool IsDecorated => _terminal is not null;

    /// <summary>A question can be asked: stdin and stderr are both a terminal.</summary>
    public static bool CanPrompt => !Console.IsInputRedirected && !Console.IsErrorRedirected;

    public static CliConsole Create(bool json)
    {
        if (json || Console.IsOutputRedirected)
        {
            return new CliConsole(json, null);
        }
        var noColor = Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        return new CliConsole(json, terminal);
    }

    public void Table(TableView table)
    {
        if (_terminal is not null)
        {
            _terminal.Write(table.ToSpectre());
        }
        else
        {
            Console.Out.Write(table.ToPlain());
        }
    }

    /// <summary>A line of text; the style only shows on a terminal.</summary>
    public void Line(string text, string? style = null)
    {
        if (_terminal is not null)
        {
            _terminal.Write(new Text(text + "\n", style is null ? Style.Plain : Style.Parse(style)));
        }
        else
        {
            Console.Out.WriteLine(text);
        }
    }

    /// <summary>Text exactly as given, never wrapped or styled (secrets, documents).</summary>
    public static void Raw(string text) => Console.Out.WriteLine(text);

    /// <summary>One JSON document, indented.</summary>
    public static void Json(JsonNode node) => Console.Out.WriteLine(node.ToJsonString(JsonText.Indented));

    /// <summary>One JSON document on one line (for streams: one event a line).</summary>
    public static void JsonLine(JsonNode node) => Console.Out.WriteLine(node.ToJsonString(JsonText.Compact));

    public static void Note(string text) => Console.Error.WriteLine(text);

    /// <summary>Asks on stderr; only "y" or "yes" count as yes.</summary>
    public static bool Confirm(string question)
    {
        Console.Error.Write(question + " [y/N] ");
        var answer = Console.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Runs the work under a spinner on a terminal; plainly otherwise.</summary>
    public async Task<T> WithStatusAsync<T>(string text, bool show, Func<Task<T>> work)
    {
        if (_terminal is null || !show)
        {
            return await work();
        }
        return await _terminal.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(text), _ => work());
    }
}
