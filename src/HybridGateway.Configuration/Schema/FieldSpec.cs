using System.Reflection;

namespace HybridGateway.Configuration.Schema;

/// <summary>One field of a config type, as the JSON checker sees it.</summary>
public sealed class FieldSpec
{
    public required string Name { get; init; }

    public required FieldType Type { get; init; }

    public required Type ClrType { get; init; }

    public required bool Nullable { get; init; }

    public required bool Required { get; init; }

    public required bool ServerManaged { get; init; }

    public required IReadOnlyList<IFieldConstraint> Constraints { get; init; }

    /// <summary>The element of a list, or the value of a map.</summary>
    public FieldSpec? Element { get; init; }

    /// <summary>The fields of a nested record.</summary>
    public TypeSchema? Record { get; init; }

    public PropertyInfo? Property { get; init; }
}
