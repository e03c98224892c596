namespace HybridGateway.Configuration.Declarative;

/// <summary>A declarative file that cannot be parsed at all (not YAML, not JSON, not a mapping).</summary>
public sealed class DeclarativeFormatException(string message, Exception? inner = null) : Exception(message, inner);
