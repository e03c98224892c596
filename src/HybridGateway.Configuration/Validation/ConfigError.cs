using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.State;

namespace HybridGateway.Configuration.Validation;

/// <summary>Why one entity of a change cannot be accepted, field by field.</summary>
public sealed record ConfigError(ConfigErrorCode Code, EntityAddress Entity, FieldErrors Fields, string Message)
{
    public EntityKind Kind => Entity.Kind;

    public static ConfigError Schema(EntityAddress entity, FieldErrors fields)
    {
        var lines = fields.Describe().ToArray();
        var message = lines.Length == 1
            ? "schema violation (" + lines[0] + ")"
            : lines.Length + " schema violations (" + string.Join("; ", lines) + ")";
        return new ConfigError(ConfigErrorCode.SchemaViolation, entity, fields, message);
    }

    public static ConfigError Unique(EntityAddress entity, string field, string keyText)
    {
        var fields = new FieldErrors();
        fields.Add(field, "value is already in use");
        return new ConfigError(ConfigErrorCode.UniqueViolation, entity, fields, "UNIQUE violation detected on '" + keyText + "'");
    }

    public static ConfigError MissingReference(EntityAddress entity, ForeignKey key, Guid target)
    {
        var message = "the foreign key '{id=\"" + target + "\"}' does not reference an existing '" + key.Target.Name + "' entity.";
        var fields = new FieldErrors();
        fields.Add(key.Field, message);
        return new ConfigError(ConfigErrorCode.ForeignKeyViolation, entity, fields, message);
    }

    public static ConfigError ReferencedBy(EntityAddress entity, EntityKind referrer)
    {
        var fields = new FieldErrors();
        fields.Add("@referenced_by", referrer.Name);
        return new ConfigError(ConfigErrorCode.ForeignKeyViolation, entity, fields,
            "an existing '" + referrer.Name + "' entity references this '" + entity.Kind.Name + "' entity");
    }

    public static ConfigError NotFound(EntityAddress entity) =>
        new(ConfigErrorCode.NotFound, entity, new FieldErrors(), "Not found");

    public override string ToString() => Entity + ": " + Message;
}
