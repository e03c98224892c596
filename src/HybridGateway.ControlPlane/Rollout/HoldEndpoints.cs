using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HybridGateway.Configuration.Schema;
using HybridGateway.ControlPlane.AdminApi;
using HybridGateway.ControlPlane.Store;

namespace HybridGateway.ControlPlane.Rollout;

/// <summary>
/// Staged rollout by label, the first half: hold a group of nodes at a version while the others
/// move on (<c>PUT /clustering/holds/{name}</c>), list the holds (<c>GET /clustering/holds</c>), and
/// promote the group to the latest version (<c>DELETE /clustering/holds/{name}</c>).
/// </summary>
public static partial class HoldEndpoints
{
    public static void MapHoldEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/clustering/holds", async (VersionHolds holds, CancellationToken cancellation) =>
        {
            await holds.RefreshAsync(cancellation);
            return Results.Json(new JsonObject { ["data"] = new JsonArray(holds.All.Select(h => (JsonNode?)ToJson(h)).ToArray()) });
        });
        app.MapPut("/clustering/holds/{name}", async (string name, HttpContext http, VersionHolds holds, ConfigStore store, TimeProvider clock) =>
        {
            var (body, error) = await RequestBodyReader.ReadObjectAsync(http.Request, BodyLimits.Entity, Form);
            if (body is null)
            {
                return error!;
            }
            var latest = (await store.GetCurrentAsync(http.RequestAborted)).Version;
            var errors = new FieldErrors();
            var hold = Read(name, body, latest, errors);
            if (hold is null)
            {
                return KongErrors.Schema(errors);
            }
            await holds.WriteAsync(hold with { CreatedAt = clock.GetUtcNow() }, null, http.RequestAborted);
            return Results.Json(ToJson(holds.All.First(h => h.Id == name)));
        });
        app.MapDelete("/clustering/holds/{name}", async (string name, VersionHolds holds, CancellationToken cancellation) =>
        {
            await holds.RefreshAsync(cancellation);
            if (holds.All.All(h => h.Id != name))
            {
                return KongErrors.NotFound();
            }
            await holds.WriteAsync(null, name, cancellation);
            return Results.NoContent();
        });
    }

    public static JsonObject ToJson(VersionHold hold) => new()
    {
        ["name"] = hold.Id,
        ["selector"] = new JsonObject(hold.Selector.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
        ["version"] = hold.Version,
        ["reason"] = hold.Reason,
        ["created_at"] = hold.CreatedAt.ToUnixTimeSeconds(),
    };

    /// <summary>The hold a body describes, or null with every error in <paramref name="errors"/>.</summary>
    public static VersionHold? Read(string name, JsonObject body, long latest, FieldErrors errors)
    {
        if (!HoldName().IsMatch(name))
        {
            errors.Add("name", "expected 1 to 128 letters, digits, '.', '_' or '-'");
        }
        var selector = ReadSelector(body["selector"], "selector", errors, required: true);
        var version = latest;
        if (body["version"] is { } given && (given is not JsonValue number || !number.TryGetValue<long>(out version) || version < 1 || version > latest))
        {
            errors.Add("version", "expected a config version from 1 to " + latest.ToString(CultureInfo.InvariantCulture));
        }
        string? reason = null;
        if (body["reason"] is { } r && (r is not JsonValue rv || !rv.TryGetValue(out reason) || reason.Length > 1024))
        {
            errors.Add("reason", "expected a string of at most 1024 characters");
        }
        foreach (var (field, _) in body)
        {
            if (field is not ("selector" or "version" or "reason"))
            {
                errors.Add(field, "unknown field");
            }
        }
        return errors.IsEmpty ? new VersionHold { Id = name, Selector = selector, Version = version, Reason = reason } : null;
    }

    /// <summary>A selector object (label to value, "a|b" for either), with errors under <paramref name="field"/>.</summary>
    public static Dictionary<string, string> ReadSelector(JsonNode? node, string field, FieldErrors errors, bool required)
    {
        var selector = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null && !required)
        {
            return selector;
        }
        if (node is not JsonObject labels || labels.Count == 0)
        {
            errors.Add(field, "required: an object of label to value (values separated by '|' match either)");
            return selector;
        }
        foreach (var (label, value) in labels)
        {
            if (label.Length is 0 or > 256 || value is not JsonValue v || !v.TryGetValue<string>(out var text) || text.Length > 256 || text.Split('|').Any(t => t.Length == 0))
            {
                errors.Child(field).Add(label, "expected a label of 1 to 256 characters and a non-empty string value");
                continue;
            }
            selector[label] = text;
        }
        return selector;
    }

    public static bool IsName(string name) => HoldName().IsMatch(name);

    /// <summary>Form bodies: selector.region=eu-west, version=12.</summary>
    private static JsonObject Form(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var body = new JsonObject();
        var selector = new JsonObject();
        foreach (var (key, value) in fields)
        {
            if (key.StartsWith("selector.", StringComparison.Ordinal))
            {
                selector[key["selector.".Length..]] = value;
            }
            else
            {
                body[key] = key == "version" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : value;
            }
        }
        if (selector.Count > 0)
        {
            body["selector"] = selector;
        }
        return body;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex HoldName();
}
