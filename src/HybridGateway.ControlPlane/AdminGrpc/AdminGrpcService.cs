using System.Globalization;
using System.Text.Json.Nodes;
using Grpc.Core;
using HybridGateway.Contracts.Admin.V1;
using HybridGateway.ControlPlane.AdminApi;
using HybridGateway.ControlPlane.AdminAuth;
using Microsoft.Extensions.Options;
using static HybridGateway.ControlPlane.AdminGrpc.RestBridge;

namespace HybridGateway.ControlPlane.AdminGrpc;

/// <summary>
/// The gRPC Admin API. Each call runs the REST handler for the same operation through
/// <see cref="RestBridge"/>, so rules, answers and errors are the REST API's. Watch is
/// <see cref="WatchStream"/>.
/// </summary>
public sealed class AdminGrpcService(
    RestBridge bridge, EntityReads reads, EntityWrites writes, ConfigAdmin config, AdminTokenStore tokens, TimeProvider clock,
    Sync.NodeRegistry registry, Store.ConfigStore store, IOptions<Hosting.ControlPlaneOptions> options, WatchStream watch) : Contracts.Admin.V1.AdminApi.AdminApiBase
{
    public override async Task<ListEntitiesResponse> ListEntities(ListEntitiesRequest request, ServerCallContext context)
    {
        var (collection, path) = EntityCalls.Resolve(request.Kind, request.Parent);
        var reply = await bridge.InvokeAsync(context, new Call("GET", path) { Query = EntityCalls.ListQuery(request) },
            h => reads.ListAsync(h, collection, request.Parent?.Key));
        var json = reply.Json!;
        var response = new ListEntitiesResponse { Offset = json["offset"]?.ToString() ?? "", ConfigVersion = reply.ConfigVersion ?? 0 };
        response.Data.AddRange(Messages.Structs(json["data"]));
        return response;
    }

    public override async Task<EntityResponse> GetEntity(GetEntityRequest request, ServerCallContext context)
    {
        var (collection, path) = EntityCalls.Resolve(request.Kind, request.Parent, request.Key);
        var reply = await bridge.InvokeAsync(context, new Call("GET", path), h => reads.GetAsync(h, collection, request.Parent?.Key, request.Key));
        return Entity(reply);
    }

    public override async Task<EntityResponse> CreateEntity(WriteEntityRequest request, ServerCallContext context)
    {
        var (collection, path) = EntityCalls.Resolve(request.Kind, request.Parent);
        return Entity(await bridge.InvokeAsync(context, Write("POST", path, request), h => writes.CreateAsync(h, collection, request.Parent?.Key)));
    }

    public override async Task<EntityResponse> UpsertEntity(WriteEntityRequest request, ServerCallContext context)
    {
        var (collection, path) = EntityCalls.Resolve(request.Kind, request.Parent, request.Key);
        return Entity(await bridge.InvokeAsync(context, Write("PUT", path, request), h => writes.UpsertAsync(h, collection, request.Parent?.Key, request.Key)));
    }

    public override async Task<EntityResponse> PatchEntity(WriteEntityRequest request, ServerCallContext context)
    {
        var (collection, path) = EntityCalls.Resolve(request.Kind, request.Parent, request.Key);
        return Entity(await bridge.InvokeAsync(context, Write("PATCH", path, request), h => writes.PatchAsync(h, collection, request.Parent?.Key, request.Key)));
    }

    public override async Task<DeleteEntityResponse> DeleteEntity(DeleteEntityRequest request, ServerCallContext context)
    {
        var (collection, path) = EntityCalls.Resolve(request.Kind, request.Parent, request.Key);
        var call = new Call("DELETE", path) { ExpectedVersion = request.HasExpectedVersion ? request.ExpectedVersion : null, Reason = request.Reason };
        var reply = await bridge.InvokeAsync(context, call, h => writes.DeleteAsync(h, collection, request.Parent?.Key, request.Key));
        return new DeleteEntityResponse { ConfigVersion = reply.ConfigVersion ?? 0 };
    }

    public override async Task<ApplyConfigResponse> ApplyConfig(ApplyConfigRequest request, ServerCallContext context)
    {
        var call = new Call("POST", "/config")
        {
            RawBody = request.Document,
            ContentType = Format(request.Format, "format") == "json" ? "application/json" : "application/yaml",
            Query = new Dictionary<string, string?> { ["dry_run"] = request.DryRun ? "true" : null },
            ExpectedVersion = request.HasExpectedVersion ? request.ExpectedVersion : null,
            Reason = request.Reason,
        };
        return Messages.From<ApplyConfigResponse>((await bridge.InvokeAsync(context, call, config.ImportAsync)).Json);
    }

    public override async Task<ExportConfigResponse> ExportConfig(ExportConfigRequest request, ServerCallContext context)
    {
        var call = new Call("GET", "/config")
        {
            Query = new Dictionary<string, string?>
            {
                ["version"] = request.HasVersion ? request.Version.ToString(CultureInfo.InvariantCulture) : null,
                ["format"] = Format(request.Format, "format"),
            },
        };
        var reply = await bridge.InvokeAsync(context, call, config.ExportAsync);
        return new ExportConfigResponse { Document = reply.Text, Version = reply.ConfigVersion ?? 0, Hash = reply.Headers["X-Config-Hash"].ToString() };
    }

    public override async Task<ListHistoryResponse> ListHistory(ListHistoryRequest request, ServerCallContext context)
    {
        var call = new Call("GET", "/config/history")
        {
            Query = new Dictionary<string, string?>
            {
                ["size"] = request.Size > 0 ? request.Size.ToString(CultureInfo.InvariantCulture) : null,
                ["offset"] = request.Offset.Length > 0 ? request.Offset : null,
            },
        };
        return Messages.From<ListHistoryResponse>((await bridge.InvokeAsync(context, call, config.HistoryAsync)).Json);
    }

    public override async Task<DiffConfigResponse> DiffConfig(DiffConfigRequest request, ServerCallContext context)
    {
        var call = new Call("GET", "/config/diff")
        {
            Query = new Dictionary<string, string?> { ["from"] = request.From.ToString(CultureInfo.InvariantCulture), ["to"] = request.To.ToString(CultureInfo.InvariantCulture) },
        };
        return Messages.From<DiffConfigResponse>((await bridge.InvokeAsync(context, call, config.DiffAsync)).Json);
    }

    public override async Task<RollbackResponse> Rollback(RollbackRequest request, ServerCallContext context)
    {
        var call = new Call("POST", "/config/rollback")
        {
            Body = new JsonObject { ["version"] = request.Version },
            ExpectedVersion = request.HasExpectedVersion ? request.ExpectedVersion : null,
            Reason = request.Reason,
        };
        return Messages.From<RollbackResponse>((await bridge.InvokeAsync(context, call, config.RollbackAsync)).Json);
    }

    public override async Task<ListDataPlanesResponse> ListDataPlanes(ListDataPlanesRequest request, ServerCallContext context)
    {
        var reply = await bridge.InvokeAsync(context, new Call("GET", "/clustering/data-planes"), async h =>
            Results.Json(await Sync.ClusteringEndpoints.DescribeAsync(registry, store, options.Value, clock, h.RequestAborted)));
        return Messages.From<ListDataPlanesResponse>(reply.Json);
    }

    public override async Task<CreateTokenResponse> CreateToken(CreateTokenRequest request, ServerCallContext context)
    {
        var body = new JsonObject { ["name"] = request.Name };
        if (request.Role.Length > 0)
        {
            body["role"] = request.Role;
        }
        if (request.ExpiresAt.Length > 0)
        {
            body["expires_at"] = request.ExpiresAt;
        }
        if (request.Tags.Count > 0)
        {
            body["tags"] = new JsonArray(request.Tags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());
        }
        var reply = await bridge.InvokeAsync(context, new Call("POST", AdminAccess.TokensPath) { Body = body }, h => TokenEndpoints.CreateAsync(h, tokens, clock));
        var json = reply.Json!;
        return new CreateTokenResponse { Token = Messages.From<Token>(json), Secret = json["token"]!.ToString() };
    }

    public override async Task<ListTokensResponse> ListTokens(ListTokensRequest request, ServerCallContext context) =>
        Messages.From<ListTokensResponse>((await bridge.InvokeAsync(context, new Call("GET", AdminAccess.TokensPath), _ => Task.FromResult(TokenEndpoints.List(tokens)))).Json);

    public override async Task<RevokeTokenResponse> RevokeToken(RevokeTokenRequest request, ServerCallContext context)
    {
        if (request.Key.Length == 0)
        {
            throw Messages.Invalid("key", "required: the token's name or id");
        }
        await bridge.InvokeAsync(context, new Call("DELETE", AdminAccess.TokensPath + "/" + Uri.EscapeDataString(request.Key)),
            h => TokenEndpoints.RevokeAsync(tokens, request.Key, h.RequestAborted));
        return new RevokeTokenResponse();
    }

    public override Task<JsonResponse> GetUpstreamHealth(GetUpstreamHealthRequest request, ServerCallContext context) =>
        RouteAsync(context, new Call("GET", "/upstreams/" + Required(request.Upstream, "upstream") + "/health"));

    public override Task<JsonResponse> GetStatus(GetStatusRequest request, ServerCallContext context) => RouteAsync(context, new Call("GET", "/status"));

    public override Task<JsonResponse> ListHolds(ListHoldsRequest request, ServerCallContext context) => RouteAsync(context, new Call("GET", "/clustering/holds"));

    public override Task<JsonResponse> PutHold(PutHoldRequest request, ServerCallContext context)
    {
        var body = new JsonObject { ["selector"] = new JsonObject(request.Selector.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))) };
        if (request.HasVersion)
        {
            body["version"] = request.Version;
        }
        return RouteAsync(context, new Call("PUT", "/clustering/holds/" + Required(request.Name, "name")) { Body = body });
    }

    public override Task<JsonResponse> DeleteHold(NamedRequest request, ServerCallContext context) =>
        RouteAsync(context, new Call("DELETE", "/clustering/holds/" + Required(request.Name, "name")));

    public override Task<JsonResponse> ListRollouts(ListRolloutsRequest request, ServerCallContext context) => RouteAsync(context, new Call("GET", "/clustering/rollouts"));

    public override Task<JsonResponse> GetRollout(NamedRequest request, ServerCallContext context) =>
        RouteAsync(context, new Call("GET", "/clustering/rollouts/" + Required(request.Name, "name")));

    public override Task<JsonResponse> StartRollout(StartRolloutRequest request, ServerCallContext context) =>
        RouteAsync(context, new Call("POST", "/clustering/rollouts") { Body = Messages.ToJson(request.Rollout) });

    public override Task<JsonResponse> ResumeRollout(NamedRequest request, ServerCallContext context) =>
        RouteAsync(context, new Call("POST", "/clustering/rollouts/" + Required(request.Name, "name") + "/resume"));

    public override Task<JsonResponse> DeleteRollout(NamedRequest request, ServerCallContext context) =>
        RouteAsync(context, new Call("DELETE", "/clustering/rollouts/" + Required(request.Name, "name")));

    public override Task Watch(WatchRequest request, IServerStreamWriter<WatchEvent> responseStream, ServerCallContext context) =>
        watch.RunAsync(request, responseStream, context);

    private async Task<JsonResponse> RouteAsync(ServerCallContext context, Call call) =>
        new() { Body = Messages.ToStruct((await bridge.InvokeAsync(context, call, RouteDispatch.RunAsync)).Json) };

    private static string Required(string value, string field) =>
        value.Length > 0 ? Uri.EscapeDataString(value) : throw Messages.Invalid(field, "required");

    private static Call Write(string method, string path, WriteEntityRequest request) => new(method, path)
    {
        Body = Messages.ToJson(request.Entity),
        ExpectedVersion = request.HasExpectedVersion ? request.ExpectedVersion : null,
        Reason = request.Reason,
    };

    private static EntityResponse Entity(RestReply reply) =>
        new() { Entity = Messages.ToStruct(reply.Json), ConfigVersion = reply.ConfigVersion ?? 0 };

    private static string Format(string format, string field) => format switch
    {
        "" or "yaml" => "yaml",
        "json" => "json",
        _ => throw Messages.Invalid(field, "expected 'yaml' or 'json'"),
    };
}
