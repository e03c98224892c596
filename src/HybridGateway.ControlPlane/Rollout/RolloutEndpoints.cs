using System.Text.Json.Nodes;
using HybridGateway.Configuration.Schema;
using HybridGateway.ControlPlane.AdminApi;
using HybridGateway.ControlPlane.Store;
using Marten;

namespace HybridGateway.ControlPlane.Rollout;

/// <summary>
/// Rollouts in waves: <c>POST /clustering/rollouts</c> starts one (the latest version becomes its
/// baseline; nodes outside the released waves stay there), <c>GET</c> lists or shows them,
/// <c>POST /clustering/rollouts/{name}/resume</c> restarts a stopped one, <c>DELETE</c> ends one
/// (every node then takes the latest version).
/// </summary>
public static class RolloutEndpoints
{
    public static void MapRolloutEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/clustering/rollouts", async (IDocumentStore documents, CancellationToken cancellation) =>
        {
            await using var session = documents.QuerySession();
            var all = await session.Query<RolloutPlan>().OrderBy(r => r.Id).ToListAsync(cancellation);
            return Results.Json(new JsonObject { ["data"] = new JsonArray(all.Select(r => (JsonNode?)ToJson(r)).ToArray()) });
        });
        app.MapGet("/clustering/rollouts/{name}", async (string name, IDocumentStore documents, CancellationToken cancellation) =>
        {
            await using var session = documents.QuerySession();
            return await session.LoadAsync<RolloutPlan>(name, cancellation) is { } rollout ? Results.Json(ToJson(rollout)) : KongErrors.NotFound();
        });
        app.MapPost("/clustering/rollouts", async (HttpContext http, IDocumentStore documents, VersionHolds holds, ConfigStore store, TimeProvider clock) =>
        {
            var (body, error) = await RequestBodyReader.ReadObjectAsync(http.Request, BodyLimits.Entity, _ => new JsonObject { ["form"] = true });
            if (body is null)
            {
                return error!;
            }
            var errors = new FieldErrors();
            var rollout = Read(body, errors);
            if (rollout is null)
            {
                return KongErrors.Schema(errors);
            }
            var now = clock.GetUtcNow();
            rollout = rollout with { Baseline = (await store.GetCurrentAsync(http.RequestAborted)).Version, StartedAt = now, UpdatedAt = now };
            await using var session = documents.LightweightSession();
            if (await session.LoadAsync<RolloutPlan>(rollout.Id, http.RequestAborted) is { Status: not RolloutPlan.Completed })
            {
                return KongErrors.Json(StatusCodes.Status409Conflict, new JsonObject { ["message"] = "rollout '" + rollout.Id + "' is running or stopped: resume or delete it first" });
            }
            await SaveAsync(session, rollout, holds, http.RequestAborted);
            return Results.Json(ToJson(rollout), statusCode: StatusCodes.Status201Created);
        });
        app.MapPost("/clustering/rollouts/{name}/resume", async (string name, IDocumentStore documents, VersionHolds holds, TimeProvider clock, CancellationToken cancellation) =>
        {
            await using var session = documents.LightweightSession();
            if (await session.LoadAsync<RolloutPlan>(name, cancellation) is not { } rollout)
            {
                return KongErrors.NotFound();
            }
            if (rollout.Status != RolloutPlan.Stopped)
            {
                return KongErrors.BadRequest("rollout '" + name + "' is " + rollout.Status + ", not stopped");
            }
            // NACKs from before the resume do not stop it again.
            var now = clock.GetUtcNow();
            var resumed = rollout with { Status = RolloutPlan.Active, StoppedReason = null, WaveDoneAt = null, StartedAt = now, UpdatedAt = now };
            await SaveAsync(session, resumed, holds, cancellation);
            return Results.Json(ToJson(resumed));
        });
        app.MapDelete("/clustering/rollouts/{name}", async (string name, IDocumentStore documents, VersionHolds holds, CancellationToken cancellation) =>
        {
            await using var session = documents.LightweightSession();
            if (await session.LoadAsync<RolloutPlan>(name, cancellation) is null)
            {
                return KongErrors.NotFound();
            }
            session.Delete<RolloutPlan>(name);
            session.QueueSqlCommand("select pg_notify('" + ConfigNotifications.Channel + "', 'rollouts')");
            await session.SaveChangesAsync(cancellation);
            await holds.RefreshAsync(cancellation);
            return Results.NoContent();
        });
    }

    /// <summary>Stores the rollout in the session that loaded it (optimistic concurrency), tells every replica, applies it here.</summary>
    private static async Task SaveAsync(IDocumentSession session, RolloutPlan rollout, VersionHolds holds, CancellationToken cancellation)
    {
        session.Store(rollout);
        session.QueueSqlCommand("select pg_notify('" + ConfigNotifications.Channel + "', 'rollouts')");
        await session.SaveChangesAsync(cancellation);
        await holds.RefreshAsync(cancellation);
    }

    public static JsonObject ToJson(RolloutPlan rollout) => new()
    {
        ["name"] = rollout.Id,
        ["status"] = rollout.Status,
        ["stopped_reason"] = rollout.StoppedReason,
        ["baseline_version"] = rollout.Baseline,
        ["released_waves"] = rollout.Status == RolloutPlan.Completed ? rollout.Waves.Count : rollout.Released + 1,
        ["waves"] = new JsonArray(rollout.Waves.Select(w => (JsonNode?)new JsonObject
        {
            ["name"] = w.Name,
            ["selector"] = new JsonObject(w.Selector.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
        }).ToArray()),
        ["wait_seconds"] = rollout.WaitSeconds,
        ["started_at"] = rollout.StartedAt.ToUnixTimeSeconds(),
        ["updated_at"] = rollout.UpdatedAt.ToUnixTimeSeconds(),
    };

    /// <summary>The rollout a body describes, or null with every error in <paramref name="errors"/>.</summary>
    public static RolloutPlan? Read(JsonObject body, FieldErrors errors)
    {
        var name = body["name"] is JsonValue n && n.TryGetValue<string>(out var text) ? text : "";
        if (!HoldEndpoints.IsName(name))
        {
            errors.Add("name", "required: 1 to 128 letters, digits, '.', '_' or '-'");
        }
        var waves = new List<RolloutWave>();
        if (body["waves"] is not JsonArray list || list.Count is 0 or > 20)
        {
            errors.Add("waves", "required: 1 to 20 waves, each {\"name\": ..., \"selector\": {label: value}}; the last may leave out the selector to take every node left");
        }
        else
        {
            for (var i = 0; i < list.Count; i++)
            {
                var wave = errors.Child("waves").Child(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var waveName = list[i]?["name"] is JsonValue wn && wn.TryGetValue<string>(out var wt) ? wt : "";
                if (!HoldEndpoints.IsName(waveName) || waves.Any(w => w.Name == waveName))
                {
                    wave.Add("name", "required, unique: 1 to 128 letters, digits, '.', '_' or '-'");
                }
                var selector = HoldEndpoints.ReadSelector(list[i]?["selector"], "selector", wave, required: i < list.Count - 1);
                waves.Add(new RolloutWave(waveName, selector));
            }
        }
        var wait = 60;
        if (body["wait_seconds"] is { } w && (w is not JsonValue wv || !wv.TryGetValue(out wait) || wait is < 0 or > 86_400))
        {
            errors.Add("wait_seconds", "expected an integer from 0 to 86400");
        }
        foreach (var (field, _) in body)
        {
            if (field is not ("name" or "waves" or "wait_seconds"))
            {
                errors.Add(field, "unknown field");
            }
        }
        errors.Prune(); // drops the per-wave children that stayed empty
        return errors.IsEmpty ? new RolloutPlan { Id = name, Waves = waves, WaitSeconds = wait } : null;
    }
}
