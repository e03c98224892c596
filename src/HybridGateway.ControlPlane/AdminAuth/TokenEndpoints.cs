using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HybridGateway.ControlPlane.AdminApi;

namespace HybridGateway.ControlPlane.AdminAuth;

/// <summary>
/// /admin-tokens: create (the secret is shown once, only its hash is kept), list, read and revoke
/// scoped tokens. Only admin tokens reach these (<see cref="AdminAccess"/>).
/// </summary>
public static partial class TokenEndpoints
{
    private static readonly string[] Fields = ["name", "role", "expires_at", "tags"];

    public static void MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(AdminAccess.TokensPath, (AdminTokenStore tokens) => List(tokens));
        app.MapGet(AdminAccess.TokensPath + "/{key}", (AdminTokenStore tokens, string key) =>
            tokens.All.FirstOrDefault(t => t.Name == key || t.Id.ToString() == key) is { } token ? Results.Json(ToJson(token)) : KongErrors.NotFound());
        app.MapPost(AdminAccess.TokensPath, CreateAsync);
        app.MapDelete(AdminAccess.TokensPath + "/{key}", RevokeAsync);
    }

    public static IResult List(AdminTokenStore tokens) =>
        Results.Json(new JsonObject { ["data"] = new JsonArray(tokens.All.Select(t => (JsonNode)ToJson(t)).ToArray()), ["next"] = null });

    public static async Task<IResult> RevokeAsync(AdminTokenStore tokens, string key, CancellationToken cancellation) =>
        await tokens.RevokeAsync(key, cancellation) ? Results.NoContent() : KongErrors.NotFound();

    public static async Task<IResult> CreateAsync(HttpContext http, AdminTokenStore tokens, TimeProvider clock)
    {
        var (body, error) = await RequestBodyReader.ReadObjectAsync(http.Request, BodyLimits.Entity,
            form => new JsonObject(form.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))));
        if (body is null)
        {
            return error!;
        }
        var (token, fields) = Read(body, clock.GetUtcNow());
        if (token is null)
        {
            return KongErrors.Schema(fields);
        }
        var creator = http.Items[AdminAuthMiddleware.PrincipalItem] as AdminPrincipal;
        var secret = await tokens.CreateAsync(token with { CreatedBy = creator?.Name }, http.RequestAborted);
        if (secret is null)
        {
            var taken = new HybridGateway.Configuration.Schema.FieldErrors();
            taken.Add("name", "a token named '" + token.Name + "' exists");
            return KongErrors.Json(StatusCodes.Status409Conflict, new JsonObject
            {
                ["message"] = "UNIQUE violation detected on '{name=\"" + token.Name + "\"}'",
                ["name"] = "unique constraint violation",
                ["fields"] = taken.ToJson(),
                ["code"] = 5,
            });
        }
        var created = ToJson(tokens.All.Single(t => t.Name == token.Name));
        created["token"] = secret;
        return Results.Json(created, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>A new token from a request body, or every error in it.</summary>
    public static (AdminToken? Token, HybridGateway.Configuration.Schema.FieldErrors Errors) Read(JsonObject body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new HybridGateway.Configuration.Schema.FieldErrors();
        foreach (var unknown in body.Select(p => p.Key).Where(k => !Fields.Contains(k)))
        {
            errors.Add(unknown, "unknown field");
        }
        var name = Text(body["name"]);
        if (name is null)
        {
            errors.Add("name", "required field missing");
        }
        else if (!NamePattern().IsMatch(name))
        {
            errors.Add("name", "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        var role = body["role"] is null ? AdminRoles.ReadOnly : Text(body["role"]);
        if (role is null || !AdminRoles.All.Contains(role))
        {
            errors.Add("role", "expected one of: " + string.Join(", ", AdminRoles.All));
        }
        DateTimeOffset? expires = null;
        if (body["expires_at"] is { } expiresNode)
        {
            if (Text(expiresNode) is not { } text || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                errors.Add("expires_at", "expected a date and time, such as 2027-01-31T00:00:00Z");
            }
            else if (at <= now)
            {
                errors.Add("expires_at", "must be in the future");
            }
            else
            {
                expires = at;
            }
        }
        var tags = new List<string>();
        if (body["tags"] is { } tagsNode)
        {
            if (tagsNode is not JsonArray array || array.Any(t => Text(t) is not { Length: > 0 }))
            {
                errors.Add("tags", "expected an array of non-empty strings");
            }
            else
            {
                tags.AddRange(array.Select(t => Text(t)!).Distinct());
            }
        }
        if (!errors.IsEmpty)
        {
            return (null, errors);
        }
        return (new AdminToken { Name = name!, TokenHash = "", Role = role!, ExpiresAt = expires, Tags = tags }, errors);
    }

    public static JsonObject ToJson(AdminToken token) => new()
    {
        ["id"] = token.Id.ToString(),
        ["name"] = token.Name,
        ["role"] = token.Role,
        ["tags"] = new JsonArray(token.Tags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
        ["expires_at"] = token.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture),
        ["created_at"] = token.CreatedAt.ToUnixTimeSeconds(),
        ["created_by"] = token.CreatedBy,
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
