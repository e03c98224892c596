using System.Text;
using System.Text.RegularExpressions;

namespace HybridGateway.Cli.Deck;

/// <summary>
/// decK's environment templating: each <c>${{ env "DECK_NAME" }}</c> is replaced by that variable's
/// value. As in decK, only DECK_-prefixed variables may be read, and an unset one is an error.
/// Every problem in the file is reported, not just the first.
/// </summary>
public static partial class DeckTemplate
{
    public const string Prefix = "DECK_";

    public static string Expand(string document, Func<string, string?> environment)
    {
        var errors = new List<string>();
        var expanded = EnvReference().Replace(document, match =>
        {
            var name = match.Groups["name"].Value;
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                errors.Add($"line {LineOf(document, match.Index)}: environment variable '{name}' cannot be used: decK reads only {Prefix}-prefixed variables");
                return match.Value;
            }
            var value = environment(name);
            if (value is null)
            {
                errors.Add($"line {LineOf(document, match.Index)}: environment variable '{name}' is not set");
                return match.Value;
            }
            return value;
        });
        if (errors.Count == 0)
        {
            foreach (Match leftover in AnyTemplate().Matches(expanded))
            {
                errors.Add($"line {LineOf(expanded, leftover.Index)}: unsupported template '{leftover.Value}': only ${{{{ env \"{Prefix}…\" }}}} is expanded");
            }
        }
        if (errors.Count > 0)
        {
            var message = new StringBuilder("cannot render the file's ${{ env }} templates:");
            foreach (var error in errors)
            {
                message.Append("\n  ").Append(error);
            }
            throw CliFailure.Usage(message.ToString());
        }
        return expanded;
    }

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }
        return line;
    }

    [GeneratedRegex("""\$\{\{\s*env\s+"(?<name>[^"]*)"\s*\}\}""")]
    private static partial Regex EnvReference();

    [GeneratedRegex("""\$\{\{.*?\}\}""")]
    private static partial Regex AnyTemplate();
}
