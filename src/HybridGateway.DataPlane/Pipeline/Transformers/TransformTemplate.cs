using System.Text;
using System.Text.RegularExpressions;

namespace HybridGateway.DataPlane.Pipeline.Transformers;

/// <summary>
/// A request-transformer value with Kong's templates, parsed when the config is applied:
/// <c>$(headers.name)</c>, <c>$(headers["x-name"])</c>, <c>$(query_params.q)</c>,
/// <c>$(uri_captures.name)</c> or <c>$(uri_captures[1])</c>; <c>\$(</c> is a literal. Kong's
/// templates are Lua expressions: any other expression is refused when the config is applied,
/// never run differently. A reference to something the request lacks renders as empty. Numbered
/// captures count, as PCRE's, in the order they open (a capture that took no part is not counted).
/// </summary>
public sealed partial class TransformTemplate
{
    private readonly (string? Literal, string Source, string Key)[] _parts;

    private TransformTemplate((string?, string, string)[] parts) => _parts = parts;

    public bool IsLiteral => _parts.All(p => p.Literal is not null);

    /// <summary>A value taken as it is (response-transformer has no templates).</summary>
    public static TransformTemplate Literal(string value) => new([(value, "", "")]);

    public static TransformTemplate Parse(string value, out string? error)
    {
        error = null;
        var parts = new List<(string?, string, string)>();
        var literal = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 2 < value.Length && value[i + 1] == '$' && value[i + 2] == '(')
            {
                literal.Append("$(");
                i += 2;
                continue;
            }
            if (value[i] != '$' || i + 1 >= value.Length || value[i + 1] != '(')
            {
                literal.Append(value[i]);
                continue;
            }
            var end = value.IndexOf(')', i + 2);
            var expression = end < 0 ? value[(i + 2)..] : value[(i + 2)..end];
            var match = end < 0 ? null : Reference().Match(expression.Trim());
            if (match is not { Success: true })
            {
                error = "template '$(" + expression + (end < 0 ? "" : ")") + "' is not supported: use $(headers.name), $(headers[\"name\"]), $(query_params.name) or $(uri_captures.name)";
                return new TransformTemplate([]);
            }
            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), "", ""));
                literal.Clear();
            }
            var key = match.Groups["dotted"].Success ? match.Groups["dotted"].Value
                : match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["index"].Value;
            parts.Add((null, match.Groups["source"].Value, key));
            i = end;
        }
        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add((literal.ToString(), "", ""));
        }
        return new TransformTemplate([.. parts]);
    }

    public string Render(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_parts.Length == 1 && _parts[0].Literal is { } only)
        {
            return only;
        }
        var text = new StringBuilder();
        foreach (var (literal, source, key) in _parts)
        {
            text.Append(literal ?? source switch
            {
                "headers" => request.Http.Request.Headers.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : "",
                "query_params" => RawQuery.Find(request.Query, key).First ?? "",
                _ => Capture(request, key),
            });
        }
        return text.ToString();
    }

    private static string Capture(PluginRequest request, string key)
    {
        if (request.RegexMatch is not { Success: true } match)
        {
            return "";
        }
        if (!int.TryParse(key, out var index))
        {
            return match.Groups[key] is { Success: true } named ? named.Value : "";
        }
        // As Kong (PCRE): captures numbered by where they open in the pattern, named ones included;
        // .NET numbers unnamed groups first, so the order is taken from the match instead.
        var byPosition = match.Groups.Cast<Group>().Skip(1).Where(g => g.Success).OrderBy(g => g.Index).ThenByDescending(g => g.Length).ToArray();
        return index >= 1 && index <= byPosition.Length ? byPosition[index - 1].Value : "";
    }

    [GeneratedRegex("""^(?<source>headers|query_params|uri_captures)(?:\.(?<dotted>[A-Za-z_][A-Za-z0-9_]*)|\[\s*"(?<quoted>[^"]+)"\s*\]|\[\s*'(?<quoted>[^']+)'\s*\]|\[\s*(?<index>\d+)\s*\])$""")]
    private static partial Regex Reference();
}
