namespace HybridGateway.Configuration.Schema;

/// <summary>
/// What every string in an entity or a plugin config must be, before anything else looks at it:
/// valid Unicode (no unpaired surrogate), no NUL, and no control character other than tab, line
/// feed and carriage return (which PEM blocks and bodies need), and at most <see cref="MaxLength"/>
/// characters. A string PostgreSQL would refuse, or that would not read back the same, is refused here.
/// </summary>
public static class TextRules
{
    /// <summary>Far above any name, path or key; certificates and bodies fit.</summary>
    public const int MaxLength = 65_536;

    public static string? Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            return "length must be at most " + MaxLength;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "must be valid Unicode text: it has an unpaired surrogate (\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + ")";
            }
            else if (c == '\0')
            {
                return "must not contain a NUL character";
            }
            else if ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007f')
            {
                return "must not contain control characters";
            }
        }
        return null;
    }

    /// <summary>A JSON string's text, or why it is not acceptable (its escapes may decode to an unpaired surrogate that cannot be read at all).</summary>
    public static string? Check(System.Text.Json.Nodes.JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string text;
        try
        {
            text = value.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            return "must be valid Unicode text";
        }
        return Check(text);
    }

    /// <summary>Checks every string and key of a JSON tree; each bad one is reported at its path (its first 64 characters for a key).</summary>
    public static void CheckTree(System.Text.Json.Nodes.JsonNode? node, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var name = key.Length > 64 ? key[..64] + "…" : key;
                    if (Check(key) is { } keyError)
                    {
                        errors.Add(name, "invalid key: " + keyError);
                        continue;
                    }
                    if (value is System.Text.Json.Nodes.JsonValue leaf)
                    {
                        if (CheckLeaf(leaf) is { } error)
                        {
                            errors.Add(name, error);
                        }
                    }
                    else if (value is not null)
                    {
                        var child = new FieldErrors();
                        CheckTree(value, child);
                        if (!child.IsEmpty)
                        {
                            errors.Child(name).Merge(child);
                        }
                    }
                }
                break;
            case System.Text.Json.Nodes.JsonArray array:
                var elements = new FieldErrors();
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (array[i] is System.Text.Json.Nodes.JsonValue leaf)
                    {
                        if (CheckLeaf(leaf) is { } error)
                        {
                            errors.Add(index, error);
                        }
                    }
                    else if (array[i] is { } item)
                    {
                        var child = new FieldErrors();
                        CheckTree(item, child);
                        if (!child.IsEmpty)
                        {
                            errors.Child(index).Merge(child);
                        }
                    }
                }
                break;
        }
    }

    /// <summary>A parsed string's problem, or null; values made in code (numbers, ids) are not text to check.</summary>
    private static string? CheckLeaf(System.Text.Json.Nodes.JsonValue leaf)
    {
        if (leaf.TryGetValue<System.Text.Json.JsonElement>(out var element))
        {
            if (element.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                return null;
            }
            try
            {
                return Check(element.GetString()!);
            }
            catch (InvalidOperationException)
            {
                return "must be valid Unicode text";
            }
        }
        return leaf.TryGetValue<string>(out var text) ? Check(text) : null;
    }
}
