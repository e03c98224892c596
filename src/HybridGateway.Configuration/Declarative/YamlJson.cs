using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HybridGateway.Configuration.Declarative;

/// <summary>
/// YAML to JSON and back for declarative files. Plain scalars follow YAML 1.2's core schema
/// (null, booleans, integers, floats); quoted scalars are always strings.
/// </summary>
public static partial class YamlJson
{
    public static JsonNode? Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new DeclarativeFormatException(
                string.Create(CultureInfo.InvariantCulture, $"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}"), e);
        }
        if (stream.Documents.Count == 0)
        {
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            throw new DeclarativeFormatException("expected one YAML document, found " + stream.Documents.Count);
        }
        // What the document may expand to is bounded by its own size: aliases cannot make a small
        // document cost much more memory than a plain one of the same length.
        var budget = new Budget { MaxValues = Math.Min(Budget.MostValues, Budget.BaseValues + text.Length) };
        return ToJson(stream.Documents[0].RootNode, 0, budget);
    }

    public static string Write(JsonNode? node)
    {
        var stream = new YamlStream(new YamlDocument(ToYaml(node)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlDotNet ends a document with "...": drop it, one document per file needs no end marker.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    /// <summary>
    /// Limits on what a document may expand to: YAML aliases can make a small file stand for a huge
    /// or deeply nested tree ("billion laughs"), and a config never needs either.
    /// </summary>
    private sealed class Budget
    {
        public const int MaxDepth = 64;
        public const int MostValues = 5_000_000;
        public const int BaseValues = 10_000;

        public int MaxValues { get; init; } = MostValues;

        public int Values;
    }

    private static JsonNode? ToJson(YamlNode node, int depth, Budget budget)
    {
        if (depth > Budget.MaxDepth)
        {
            throw new DeclarativeFormatException("the document nests deeper than " + Budget.MaxDepth + " levels (line " + node.Start.Line + ")");
        }
        if (++budget.Values > budget.MaxValues)
        {
            throw new DeclarativeFormatException("the document expands to more than " + budget.MaxValues
                + " values (aliases included); a document may expand to at most 10,000 values more than its length in characters");
        }
        return node switch
        {
            YamlMappingNode mapping => ToObject(mapping, depth, budget),
            YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(child => ToJson(child, depth + 1, budget)).ToArray()),
            YamlScalarNode scalar => ToScalar(scalar),
            _ => throw new DeclarativeFormatException("unsupported YAML node at line " + node.Start.Line),
        };
    }

    private static JsonObject ToObject(YamlMappingNode mapping, int depth, Budget budget)
    {
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new DeclarativeFormatException("mapping keys must be strings (line " + keyNode.Start.Line + ")");
            }
            if (result.ContainsKey(key))
            {
                throw new DeclarativeFormatException("duplicate key '" + key + "' at line " + keyNode.Start.Line);
            }
            result[key] = ToJson(valueNode, depth + 1, budget);
        }
        return result;
    }

    private static JsonNode? ToScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(value);
        }
        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }
        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }
        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return JsonNode.Parse(value.TrimStart('+'));
        }
        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }
        return JsonValue.Create(value);
    }

    private static YamlNode ToYaml(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return new YamlScalarNode("null") { Style = ScalarStyle.Plain };
            case JsonObject obj:
                var mapping = new YamlMappingNode();
                foreach (var (key, value) in obj)
                {
                    mapping.Add(new YamlScalarNode(key) { Style = ScalarStyle.Plain }, ToYaml(value));
                }
                return mapping;
            case JsonArray array:
                var sequence = new YamlSequenceNode();
                foreach (var item in array)
                {
                    sequence.Add(ToYaml(item));
                }
                return sequence;
            default:
                return ToYamlScalar(node.AsValue());
        }
    }

    private static YamlScalarNode ToYamlScalar(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                var literal = text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal)
                    && !text.Split('\n').Any(line => line.EndsWith(' ') || line.StartsWith(' '));
                return new YamlScalarNode(text) { Style = literal ? ScalarStyle.Literal : ScalarStyle.DoubleQuoted };
            case JsonValueKind.True:
                return new YamlScalarNode("true") { Style = ScalarStyle.Plain };
            case JsonValueKind.False:
                return new YamlScalarNode("false") { Style = ScalarStyle.Plain };
            default:
                return new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain };
        }
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
