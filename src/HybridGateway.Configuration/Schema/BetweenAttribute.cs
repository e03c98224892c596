using System.Globalization;
using System.Text.Json.Nodes;

namespace HybridGateway.Configuration.Schema;

/// <summary>A number within an inclusive range.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class BetweenAttribute(double min, double max) : Attribute, IFieldConstraint
{
    public double Min { get; } = min;

    public double Max { get; } = max;

    public string? Check(JsonNode value)
    {
        if (!JsonNumbers.TryGetDouble(value, out var d))
        {
            return null;
        }
        return d < Min || d > Max
            ? string.Create(CultureInfo.InvariantCulture, $"value should be between {Min} and {Max}")
            : null;
    }
}
