using System.Globalization;
using System.Text.Json.Nodes;

namespace HybridGateway.Configuration.Schema;

/// <summary>A minimum length: of the string, or of the list when applied to a list field.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinLengthAttribute(int length) : Attribute, IFieldConstraint
{
    public int Length { get; } = length;

    public bool AppliesToList => true;

    public string? Check(JsonNode value)
    {
        var actual = value switch
        {
            JsonArray array => array.Count,
            JsonValue v when v.TryGetValue<string>(out var s) => s.Length,
            _ => int.MaxValue,
        };
        return actual < Length
            ? string.Create(CultureInfo.InvariantCulture, $"length must be at least {Length}")
            : null;
    }
}
