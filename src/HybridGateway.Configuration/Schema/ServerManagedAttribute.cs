namespace HybridGateway.Configuration.Schema;

/// <summary>The server sets this field; a value in the input is accepted and replaced.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ServerManagedAttribute : Attribute;
