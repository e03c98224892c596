using System.Text.Json.Nodes;

namespace HybridGateway.Configuration.Schema;

/// <summary>The value must be one of a fixed set (strings or integers).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(params object[] values) : Attribute, IFieldConstraint
{
    private readonly string[] _allowed = values.Select(v => v.ToString()!).ToArray();

    public IReadOnlyList<string> Allowed => _allowed;

    public string? Check(JsonNode value)
    {
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
        return Array.IndexOf(_allowed, text) >= 0 ? null : "expected one of: " + string.Join(", ", _allowed);
    }
}
