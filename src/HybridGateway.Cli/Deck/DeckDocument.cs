using System.Text;

namespace HybridGateway.Cli.Deck;

/// <summary>A decK file read from disk, its templates expanded, with its format (yaml or json).</summary>
public sealed record DeckDocument(string Path, string Text, string Format)
{
    public int Bytes => Encoding.UTF8.GetByteCount(Text);

    public static DeckDocument Load(string path, Func<string, string?> environment)
    {
        string raw;
        try
        {
            raw = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"cannot read {path}: {e.Message}");
        }
        var text = DeckTemplate.Expand(raw, environment);
        return new DeckDocument(path, text, FormatOf(path, text));
    }

    /// <summary>By extension; for any other name, JSON if the content starts with '{'.</summary>
    public static string FormatOf(string path, string text)
    {
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".json" => "json",
            ".yaml" or ".yml" => "yaml",
            _ => text.TrimStart().StartsWith('{') ? "json" : "yaml",
        };
    }
}
