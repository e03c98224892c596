using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HybridGateway.Configuration.Schema;

/// <summary>
/// Checks raw JSON against a config type before it is deserialized: unknown fields, wrong types,
/// missing required fields and constraints are all reported at once, in Kong's words.
/// The result is a clean copy in which an explicit null on a field with a default is dropped,
/// so that the default applies (Kong's declarative files write such nulls).
/// </summary>
public static class JsonShapeChecker
{
    public const string UnknownField = "unknown field";
    public const string RequiredFieldMissing = "required field missing";

    public static JsonObject? CheckRecord(
        JsonNode? node,
        TypeSchema schema,
        FieldErrors errors,
        IReadOnlyDictionary<string, string>? unsupportedFields = null)
    {
        if (node is not JsonObject input)
        {
            return null;
        }
        var output = new JsonObject();
        foreach (var (key, value) in input)
        {
            if (!schema.ByName.TryGetValue(key, out var field))
            {
                errors.Add(key, unsupportedFields is not null && unsupportedFields.TryGetValue(key, out var reason)
                    ? reason
                    : UnknownField);
                continue;
            }
            if (value is null)
            {
                if (field.Nullable && !field.Required)
                {
                    output[key] = null;
                }
                else if (field.Required)
                {
                    errors.Add(key, RequiredFieldMissing);
                }
                continue;
            }
            var clean = CheckValue(value, field, field.Constraints, errors, key);
            if (clean is not null)
            {
                output[key] = clean;
            }
        }
        foreach (var field in schema.Fields)
        {
            if (field.Required && !input.ContainsKey(field.Name))
            {
                errors.Add(field.Name, RequiredFieldMissing);
            }
        }
        return output;
    }

    private static JsonNode? CheckValue(
        JsonNode value,
        FieldSpec field,
        IReadOnlyList<IFieldConstraint> constraints,
        FieldErrors errors,
        string key)
    {
        switch (field.Type)
        {
            case FieldType.Array:
                return CheckArray(value, field, constraints, errors, key);
            case FieldType.Map:
                return CheckMap(value, field, constraints, errors, key);
            case FieldType.Record:
                if (value is not JsonObject)
                {
                    errors.Add(key, "expected a record");
                    return null;
                }
                var child = errors.Child(key);
                var record = CheckRecord(value, field.Record!, child);
                errors.Prune();
                return record;
            case FieldType.Any:
                return value.DeepClone();
        }
        var typeError = CheckScalarType(value, field);
        if (typeError is not null)
        {
            errors.Add(key, typeError);
            return null;
        }
        foreach (var constraint in constraints)
        {
            var message = constraint.Check(value);
            if (message is not null)
            {
                errors.Add(key, message);
                return null;
            }
        }
        return value.DeepClone();
    }

    private static JsonArray? CheckArray(
        JsonNode value, FieldSpec field, IReadOnlyList<IFieldConstraint> constraints, FieldErrors errors, string key)
    {
        if (value is not JsonArray array)
        {
            errors.Add(key, "expected an array");
            return null;
        }
        foreach (var constraint in constraints)
        {
            if (constraint.AppliesToList && constraint.Check(array) is { } message)
            {
                errors.Add(key, message);
                return null;
            }
        }
        var elementConstraints = constraints.Where(c => !c.AppliesToList).ToArray();
        var output = new JsonArray();
        var elementErrors = errors.Child(key);
        for (var i = 0; i < array.Count; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            if (array[i] is null)
            {
                elementErrors.Add(index, RequiredFieldMissing);
                continue;
            }
            output.Add(CheckValue(array[i]!, field.Element!, elementConstraints, elementErrors, index));
        }
        errors.Prune();
        return output;
    }

    private static JsonObject? CheckMap(
        JsonNode value, FieldSpec field, IReadOnlyList<IFieldConstraint> constraints, FieldErrors errors, string key)
    {
        if (value is not JsonObject map)
        {
            errors.Add(key, "expected a map");
            return null;
        }
        var output = new JsonObject();
        var valueErrors = errors.Child(key);
        foreach (var (name, entry) in map)
        {
            if (TextRules.Check(name) is { } keyError)
            {
                valueErrors.Add(name.Length > 64 ? name[..64] + "…" : name, "invalid key: " + keyError);
                continue;
            }
            if (entry is null)
            {
                valueErrors.Add(name, RequiredFieldMissing);
                continue;
            }
            output[name] = CheckValue(entry, field.Element!, constraints, valueErrors, name);
        }
        errors.Prune();
        return output;
    }

    private static string? CheckScalarType(JsonNode value, FieldSpec field)
    {
        var kind = value.GetValueKind();
        switch (field.Type)
        {
            case FieldType.String:
                return kind == JsonValueKind.String ? TextRules.Check(value) : "expected a string";
            case FieldType.Boolean:
                return kind is JsonValueKind.True or JsonValueKind.False ? null : "expected a boolean";
            case FieldType.Number:
                return kind == JsonValueKind.Number ? null : "expected a number";
            case FieldType.Integer:
                if (!JsonNumbers.TryGetInteger(value, out var integer))
                {
                    return "expected an integer";
                }
                return field.ClrType == typeof(int) && (integer < int.MinValue || integer > int.MaxValue)
                    ? "value should be between -2147483648 and 2147483647"
                    : null;
            case FieldType.Uuid:
                return kind == JsonValueKind.String && Guid.TryParse(value.GetValue<string>(), out _)
                    ? null
                    : "expected a valid UUID";
            default:
                return null;
        }
    }
}
