namespace HybridGateway.Configuration.Schema;

/// <summary>The field must be present and not null.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
