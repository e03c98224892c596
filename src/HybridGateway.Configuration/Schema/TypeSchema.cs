using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using HybridGateway.Configuration.Entities;

namespace HybridGateway.Configuration.Schema;

/// <summary>
/// The fields of a config record, read once by reflection from its properties and attributes,
/// so the record type stays the single source of truth for names, types and constraints.
/// </summary>
public sealed class TypeSchema
{
    private static readonly ConcurrentDictionary<Type, TypeSchema> Cache = new();
    private static readonly NullabilityInfoContext Nullability = new();

    private TypeSchema(Type type, IReadOnlyList<FieldSpec> fields)
    {
        Type = type;
        Fields = fields;
        ByName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    public Type Type { get; }

    public IReadOnlyList<FieldSpec> Fields { get; }

    public IReadOnlyDictionary<string, FieldSpec> ByName { get; }

    public static TypeSchema For(Type type) => Cache.GetOrAdd(type, Build);

    public static TypeSchema For<T>() => For(typeof(T));

    private static TypeSchema Build(Type type)
    {
        var fields = new List<FieldSpec>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always }
                || property.SetMethod is null)
            {
                continue;
            }
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            var nullable = Nullability.Create(property).WriteState == NullabilityState.Nullable;
            fields.Add(Describe(name, property.PropertyType, nullable, property));
        }
        return new TypeSchema(type, fields);
    }

    private static FieldSpec Describe(string name, Type clrType, bool nullable, PropertyInfo? property)
    {
        var underlying = System.Nullable.GetUnderlyingType(clrType);
        if (underlying is not null)
        {
            clrType = underlying;
            nullable = true;
        }
        var constraints = property?.GetCustomAttributes().OfType<IFieldConstraint>().ToArray() ?? [];
        var (fieldType, element, record) = Classify(clrType);
        return new FieldSpec
        {
            Name = name,
            Type = fieldType,
            ClrType = clrType,
            Nullable = nullable,
            Required = property?.GetCustomAttribute<RequiredAttribute>() is not null,
            ServerManaged = property?.GetCustomAttribute<ServerManagedAttribute>() is not null,
            Constraints = constraints,
            Element = element,
            Record = record,
            Property = property,
        };
    }

    private static (FieldType Type, FieldSpec? Element, TypeSchema? Record) Classify(Type clrType)
    {
        if (clrType == typeof(string))
        {
            return (FieldType.String, null, null);
        }
        if (clrType == typeof(int) || clrType == typeof(long))
        {
            return (FieldType.Integer, null, null);
        }
        if (clrType == typeof(double))
        {
            return (FieldType.Number, null, null);
        }
        if (clrType == typeof(bool))
        {
            return (FieldType.Boolean, null, null);
        }
        if (clrType == typeof(Guid))
        {
            return (FieldType.Uuid, null, null);
        }
        if (clrType == typeof(JsonElement))
        {
            return (FieldType.Any, null, null);
        }
        if (clrType.IsGenericType)
        {
            var definition = clrType.GetGenericTypeDefinition();
            var arguments = clrType.GetGenericArguments();
            if (definition == typeof(IReadOnlyList<>))
            {
                return (FieldType.Array, Describe("[]", arguments[0], false, null), null);
            }
            if (definition == typeof(IReadOnlyDictionary<,>) && arguments[0] == typeof(string))
            {
                return (FieldType.Map, Describe("{}", arguments[1], false, null), null);
            }
        }
        if (clrType == typeof(EntityRef) || clrType.IsClass)
        {
            return (FieldType.Record, null, For(clrType));
        }
        throw new InvalidOperationException($"Config type {clrType} has no JSON field mapping.");
    }
}
