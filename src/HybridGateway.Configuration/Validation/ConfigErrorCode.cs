namespace HybridGateway.Configuration.Validation;

/// <summary>Kong's error codes, so clients that switch on them keep working.</summary>
public enum ConfigErrorCode
{
    SchemaViolation = 2,
    ForeignKeyViolation = 4,
    UniqueViolation = 5,
    NotFound = 6,
    DeclarativeConfig = 14,
}
