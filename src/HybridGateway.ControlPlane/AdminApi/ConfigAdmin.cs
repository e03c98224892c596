using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Declarative;
using HybridGateway.Configuration.State;
using HybridGateway.ControlPlane.Hosting;
using HybridGateway.ControlPlane.Store;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>
/// What the event log makes possible: the whole config as a declarative document (now or at any
/// version), import of a document as one version (or a dry run), history, diffs and rollback.
/// </summary>
public sealed class ConfigAdmin(ConfigStore store, ConfigWriter writer, DeclarativeImporter importer, IDocumentStore documents, IOptions<ControlPlaneOptions> options, Rollout.VersionHolds holds)
{
    public async Task<IResult> ExportAsync(HttpContext http)
    {
        var versionText = http.Request.Query["version"].ToString();
        ConfigState? state;
        if (versionText.Length == 0)
        {
            state = await store.GetCurrentAsync(http.RequestAborted);
        }
        else if (!long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return KongErrors.BadRequest("version must be a non-negative integer");
        }
        else if ((state = await store.GetAtVersionAsync(version, http.RequestAborted)) is null)
        {
            return KongErrors.NotFound();
        }
        http.Response.Headers[ConfigWriter.VersionHeader] = state.Version.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Config-Hash"] = state.Hash.ToString();
        var document = DeclarativeExporter.Export(state);
        return WantsJson(http)
            ? Results.Text(document.ToJsonString(), "application/json", Encoding.UTF8)
            : Results.Text(YamlJson.Write(document), "application/yaml", Encoding.UTF8);
    }

    /// <summary>The media types POST /config reads: JSON, or YAML (also as text/plain, or with no Content-Type, as curl sends a file).</summary>
    private static readonly string[] JsonTypes = ["application/json", "text/json"];
    private static readonly string[] YamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain", ""];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // One document is read and parsed at a time: concurrent imports cannot multiply the memory a
    // large or hostile document costs (what is parsed is bounded by the document's own size).
    private readonly SemaphoreSlim _parsing = new(1, 1);

    public async Task<IResult> ImportAsync(HttpContext http)
    {
        var dryRun = http.Request.Query["dry_run"].ToString() is "true" or "1";
        var mediaType = (http.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var json = JsonTypes.Contains(mediaType);
        if (!json && !YamlTypes.Contains(mediaType))
        {
            return KongErrors.Json(StatusCodes.Status415UnsupportedMediaType, new JsonObject
            {
                ["message"] = "Unsupported Content-Type '" + mediaType + "': send a declarative config as application/json or application/yaml",
            });
        }
        JsonNode? document;
        await _parsing.WaitAsync(http.RequestAborted);
        try
        {
            var (raw, error) = await RequestBodyReader.ReadRawAsync(http.Request, options.Value.MaxDeclarativeBytes);
            if (raw is null)
            {
                return error!;
            }
            var text = StrictUtf8.GetString(raw.Bytes);
            document = json
                ? JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false })
                : YamlJson.Parse(text);
        }
        catch (DecoderFallbackException)
        {
            return KongErrors.BadRequest("Cannot parse declarative config: the body is not valid UTF-8");
        }
        catch (Exception e) when (e is DeclarativeFormatException or System.Text.Json.JsonException)
        {
            return KongErrors.BadRequest("Cannot parse declarative config: " + e.Message);
        }
        finally
        {
            _parsing.Release();
        }
        if (dryRun)
        {
            var state = await store.GetCurrentAsync(http.RequestAborted);
            var plan = importer.Plan(document, state);
            return plan.Success ? Results.Json(PlanBody(plan, state, dryRun: true)) : Invalid(plan);
        }
        return await writer.WriteAsync(http, state =>
        {
            var plan = importer.Plan(document, state);
            return plan.Success
                ? WritePlan.Of(plan.Changes, committed => Results.Json(PlanBody(plan, state, dryRun: false, committed.Version),
                    statusCode: plan.Changes.Count > 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK))
                : WritePlan.Reject(Invalid(plan));
        });
    }

    public async Task<IResult> HistoryAsync(HttpContext http)
    {
        var sizeText = http.Request.Query["size"].ToString();
        var size = 100;
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > EntityReads.MaxPageSize))
        {
            return KongErrors.BadRequest("size must be an integer between 1 and " + EntityReads.MaxPageSize);
        }
        var offset = 0;
        var offsetText = http.Request.Query["offset"].ToString();
        if (offsetText.Length > 0 && !PagingToken.TryDecode(offsetText, out offset))
        {
            return KongErrors.BadRequest("invalid offset");
        }
        await using var session = documents.QuerySession();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey == ConfigStore.StreamKey)
            .OrderByDescending(e => e.Version)
            .Skip(offset)
            .Take(size + 1)
            .ToListAsync(http.RequestAborted);
        var data = new JsonArray();
        foreach (var e in events.Take(size))
        {
            data.Add(HistoryEntry(e));
        }
        // The holds in force: which label groups stay at which of these versions (staged rollout).
        await holds.RefreshAsync(http.RequestAborted);
        var body = new JsonObject { ["data"] = data, ["next"] = null, ["holds"] = new JsonArray(holds.All.Select(h => (JsonNode?)Rollout.HoldEndpoints.ToJson(h)).ToArray()) };
        if (events.Count > size)
        {
            var token = PagingToken.Encode(offset + size);
            body["next"] = "/config/history?offset=" + token + (sizeText.Length > 0 ? "&size=" + size : "");
            body["offset"] = token;
        }
        return Results.Json(body);
    }

    public async Task<IResult> DiffAsync(HttpContext http)
    {
        if (!TryVersion(http.Request.Query["from"], out var from) || !TryVersion(http.Request.Query["to"], out var to))
        {
            return KongErrors.BadRequest("from and to must be config versions: /config/diff?from=3&to=7");
        }
        var before = await store.GetAtVersionAsync(from, http.RequestAborted);
        var after = await store.GetAtVersionAsync(to, http.RequestAborted);
        if (before is null || after is null)
        {
            return KongErrors.NotFound();
        }
        var changes = StateDiff.Between(before, after);
        return Results.Json(new JsonObject
        {
            ["from"] = from,
            ["to"] = to,
            ["summary"] = ChangeJson.Counts(changes.Select(c => c.IsDelete ? "delete" : before.Find(c.Kind, c.Id) is null ? "create" : "update")),
            ["changes"] = ChangeJson.Detailed(changes, before),
        });
    }

    public async Task<IResult> RollbackAsync(HttpContext http)
    {
        var (body, error) = await RequestBodyReader.ReadObjectAsync(http.Request, BodyLimits.Entity, form => new JsonObject(form.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))));
        if (body is null)
        {
            return error!;
        }
        var versionNode = body["version"];
        long version = -1;
        var valid = versionNode is JsonValue v
            && ((Configuration.Schema.JsonNumbers.TryGetInteger(v, out version) && version >= 0)
                || (v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out version)));
        if (!valid || body.Count != 1)
        {
            return KongErrors.BadRequest("expected {\"version\": N} with N an existing config version");
        }
        var target = await store.GetAtVersionAsync(version, http.RequestAborted);
        if (target is null)
        {
            return KongErrors.NotFound();
        }
        return await writer.WriteAsync(http, state =>
        {
            var changes = StateDiff.Between(state, target);
            return WritePlan.Of(changes, committed => Results.Json(new JsonObject
            {
                ["version"] = committed.Version,
                ["restored_version"] = version,
                ["hash"] = committed.Hash.ToString(),
                ["summary"] = ChangeJson.Counts(changes.Select(c => c.IsDelete ? "delete" : state.Find(c.Kind, c.Id) is null ? "create" : "update")),
            }, statusCode: changes.Count > 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK));
        });
    }

    public static JsonObject HistoryEntry(IEvent e)
    {
        var changed = (ConfigChanged)e.Data;
        return new JsonObject
        {
            ["version"] = e.Version,
            ["at"] = changed.At.ToString("O", CultureInfo.InvariantCulture),
            ["actor"] = changed.Actor,
            ["reason"] = changed.Reason,
            ["operation"] = changed.Operation,
            ["hash"] = changed.Hash,
            ["summary"] = ChangeJson.Counts(changed.Changes.Select(c => c.Op)),
            ["changes"] = new JsonArray(changed.Changes.Select(c => (JsonNode)ChangeJson.Summary(c)).ToArray()),
        };
    }

    private static JsonObject PlanBody(ImportPlan plan, ConfigState before, bool dryRun, long? version = null) => new()
    {
        ["dry_run"] = dryRun,
        ["version"] = version ?? before.Version,
        ["entities"] = plan.EntityCount,
        ["summary"] = ChangeJson.Counts(plan.Changes.Select(c => c.IsDelete ? "delete" : before.Find(c.Kind, c.Id) is null ? "create" : "update")),
        ["changes"] = ChangeJson.Detailed(plan.Changes, before),
    };

    private static IResult Invalid(ImportPlan plan)
    {
        var lines = plan.Errors.Describe().ToArray();
        return KongErrors.Json(StatusCodes.Status400BadRequest, new JsonObject
        {
            ["code"] = 14,
            ["name"] = "invalid declarative configuration",
            ["message"] = "declarative config is invalid: " + string.Join("; ", lines.Take(20)) + (lines.Length > 20 ? "; and " + (lines.Length - 20) + " more" : ""),
            ["fields"] = plan.Errors.ToJson(),
            ["flattened_errors"] = new JsonArray(plan.EntityErrors.Select(e => (JsonNode)new JsonObject
            {
                ["entity_path"] = e.EntityPath,
                ["entity_type"] = e.EntityType,
                ["entity_name"] = e.EntityName,
                ["entity_id"] = e.EntityId?.ToString(),
                ["errors"] = new JsonArray(e.Errors.Select(m => (JsonNode)JsonValue.Create(m)).ToArray()),
            }).ToArray()),
        });
    }

    private static bool WantsJson(HttpContext http) =>
        http.Request.Query["format"].ToString() == "json"
        || (http.Request.Query["format"].Count == 0 && http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal));

    private static bool TryVersion(string? text, out long version) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version);
}
