using System.Text.Json.Nodes;

namespace HybridGateway.Configuration.Schema;

/// <summary>A string that must begin with a given prefix.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class StartsWithAttribute(string prefix) : Attribute, IFieldConstraint
{
    public string Prefix { get; } = prefix;

    public string? Check(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) && !s.StartsWith(Prefix, StringComparison.Ordinal)
            ? "should start with: " + Prefix
            : null;
}
