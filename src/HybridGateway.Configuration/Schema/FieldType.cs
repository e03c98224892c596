namespace HybridGateway.Configuration.Schema;

/// <summary>The JSON shape a field accepts, named as Kong's schema names them.</summary>
public enum FieldType
{
    String,
    Integer,
    Number,
    Boolean,
    Uuid,
    Array,
    Map,
    Record,
    Any,
}
