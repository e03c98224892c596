using System.Text.Json.Nodes;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.Validation;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>Kong's error bodies and status codes: <c>{"message", "name", "fields", "code"}</c>.</summary>
public static class KongErrors
{
    public static IResult NotFound() => Json(StatusCodes.Status404NotFound, new JsonObject { ["message"] = "Not found" });

    public static IResult BadRequest(string message) => Json(StatusCodes.Status400BadRequest, new JsonObject { ["message"] = message });

    public static IResult Schema(FieldErrors fields)
    {
        fields.Prune();
        var lines = fields.Describe().ToArray();
        var message = lines.Length == 1 ? "schema violation (" + lines[0] + ")" : lines.Length + " schema violations (" + string.Join("; ", lines) + ")";
        return Body(StatusCodes.Status400BadRequest, ConfigErrorCode.SchemaViolation, "schema violation", message, fields);
    }

    /// <summary>Errors from validating a change: unique violations are 409, everything else 400.</summary>
    public static IResult FromConfigErrors(IReadOnlyList<ConfigError> errors)
    {
        var first = errors[0];
        var fields = new FieldErrors();
        foreach (var error in errors)
        {
            fields.Merge(error.Fields);
        }
        var message = errors.Count == 1 ? first.Message : string.Join("; ", errors.Select(e => e.Message).Distinct());
        return first.Code switch
        {
            ConfigErrorCode.UniqueViolation => Body(StatusCodes.Status409Conflict, first.Code, "unique constraint violation", message, fields),
            ConfigErrorCode.ForeignKeyViolation => Body(StatusCodes.Status400BadRequest, first.Code, "foreign key violation", message, fields),
            ConfigErrorCode.NotFound => NotFound(),
            _ => Body(StatusCodes.Status400BadRequest, first.Code, "schema violation", message, fields),
        };
    }

    public static IResult PrimaryKeyViolation(Guid id)
    {
        var fields = new FieldErrors();
        fields.Add("id", id.ToString());
        return Body(StatusCodes.Status409Conflict, ConfigErrorCode.UniqueViolation, "primary key violation",
            "primary key violation on key '{id=\"" + id + "\"}'", fields);
    }

    /// <summary>A write based on a version that is no longer current.</summary>
    public static IResult VersionConflict(long expected, long current) => Json(StatusCodes.Status409Conflict, new JsonObject
    {
        ["message"] = "the config is at version " + current + ", not " + expected + "; read it again and retry",
        ["name"] = "version conflict",
        ["code"] = 409,
        ["current_version"] = current,
    });

    public static IResult Json(int status, JsonNode body) => Results.Json(body, statusCode: status);

    private static IResult Body(int status, ConfigErrorCode code, string name, string message, FieldErrors fields) => Json(status, new JsonObject
    {
        ["message"] = message,
        ["name"] = name,
        ["fields"] = fields.ToJson(),
        ["code"] = (int)code,
    });
}
