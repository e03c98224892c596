using System.Text.Json.Nodes;

namespace HybridGateway.Configuration.Schema;

/// <summary>A check on one JSON value. For list fields it applies to each element unless it says otherwise.</summary>
public interface IFieldConstraint
{
    /// <summary>True when the constraint applies to the list itself rather than to each element.</summary>
    bool AppliesToList => false;

    /// <summary>Returns an error message in Kong's words, or null when the value is acceptable.</summary>
    string? Check(JsonNode value);
}
