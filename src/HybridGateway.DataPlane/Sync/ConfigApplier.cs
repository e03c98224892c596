using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Validation;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Runtime;
using HybridGateway.Sync;

namespace HybridGateway.DataPlane.Sync;

/// <summary>
/// Turns a snapshot or delta into the config being served, or says why not. Everything is checked
/// before anything is swapped in: every entity parses, the whole result validates, it hashes to
/// what the control plane says, and every enabled plugin can run here. A delta must start at the
/// version being served.
/// </summary>
public sealed class ConfigApplier(EntityValidation validation, RuntimeCompiler compiler, RuntimeHolder holder, PluginRuntimes plugins)
{
    public ApplyOutcome ApplySnapshot(Snapshot snapshot, string source)
    {
        var changes = new List<EntityChange>();
        var malformed = new List<EntityError>();
        foreach (var resource in snapshot.Resources)
        {
            var (change, error) = ResourceCodec.ToChange(resource);
            Collect(change, error, resource.Kind, resource.Id, changes, malformed);
        }
        if (malformed.Count > 0)
        {
            return ApplyOutcome.Reject("malformed", malformed.Count + " resources could not be read", malformed);
        }
        var result = ConfigState.Empty.Apply(changes, (long)snapshot.Version, validation);
        if (Refusal(result, snapshot.Hash, changes) is { } refusal)
        {
            return refusal;
        }
        return Compile(() => compiler.Full(result.State!), source);
    }

    public ApplyOutcome ApplyDelta(Delta delta, IReadOnlyList<Resource> upserts, IReadOnlyList<ResourceKey> removals)
    {
        var current = holder.Current;
        var serving = current?.Version ?? 0;
        if (current is null || (long)delta.FromVersion != serving)
        {
            return ApplyOutcome.Resync("delta from version " + delta.FromVersion + " to " + delta.ToVersion + " does not start at the served version " + serving);
        }
        var changes = new List<EntityChange>();
        var malformed = new List<EntityError>();
        foreach (var resource in upserts)
        {
            var (change, error) = ResourceCodec.ToChange(resource);
            Collect(change, error, resource.Kind, resource.Id, changes, malformed);
        }
        foreach (var key in removals)
        {
            var (change, error) = ResourceCodec.ToRemoval(key);
            // A delta lists everything its versions touched; an entity created and removed within
            // them was never here. Skipping it is safe: the hash check below catches any divergence.
            if (change is not null && current.State.Find(change.Kind, change.Id) is null)
            {
                continue;
            }
            Collect(change, error, key.Kind, key.Id, changes, malformed);
        }
        if (malformed.Count > 0)
        {
            return ApplyOutcome.Reject("malformed", malformed.Count + " resources could not be read", malformed);
        }
        var result = current.State.Apply(changes, (long)delta.ToVersion, validation);
        if (result.Success && result.State!.Hash.ToString() != delta.ToHash)
        {
            // The node's copy and the control plane's have diverged: only a full snapshot can repair that.
            return ApplyOutcome.Resync("delta to version " + delta.ToVersion + " hashes to " + result.State.Hash + ", the control plane says " + delta.ToHash);
        }
        if (Refusal(result, delta.ToHash, changes) is { } refusal)
        {
            return refusal;
        }
        return Compile(() => compiler.Incremental(current, result.State!, changes), "control_plane");
    }

    /// <summary>
    /// Compiles and swaps in; a config the compiler cannot take (a route it cannot route on) is
    /// refused like any invalid config, and the node keeps what it serves.
    /// </summary>
    private ApplyOutcome Compile(Func<RuntimeConfig> compile, string source)
    {
        RuntimeConfig config;
        try
        {
            config = compile();
        }
        catch (ArgumentException e)
        {
            return ApplyOutcome.Reject("invalid_config", "the config cannot be compiled: " + e.Message);
        }
        holder.Swap(config, source);
        return ApplyOutcome.Success(config);
    }

    private ApplyOutcome? Refusal(ApplyResult result, string expectedHash, IReadOnlyList<EntityChange> changes)
    {
        if (!result.Success)
        {
            return ApplyOutcome.Reject("invalid_config", result.Errors.Count + " entities are invalid: " + string.Join("; ", result.Errors.Take(5)),
                result.Errors.Select(e => Error(e.Kind.Name, e.Entity.Id.ToString(), e.Message)));
        }
        if (result.State!.Hash.ToString() != expectedHash)
        {
            return ApplyOutcome.Reject("hash_mismatch", "the config hashes to " + result.State.Hash + ", the control plane says " + expectedHash);
        }
        var written = changes.Where(c => c.Entity is not null).Select(c => c.Entity!).ToArray();
        var features = written.Select(e => (Entity: e, Reason: RuntimeFeatures.Unsupported(e) ?? plugins.UnsupportedOption(e))).Where(x => x.Reason is not null).ToArray();
        if (features.Length > 0)
        {
            return ApplyOutcome.Reject("unsupported_feature", "this data plane cannot serve the config as written: " + features[0].Reason + "; it keeps serving its current config",
                features.Select(x => Error(EntityKinds.Of(x.Entity).Name, x.Entity.Id.ToString(), x.Reason!)));
        }
        var unsupported = plugins.Unsupported(written);
        if (unsupported.Count > 0)
        {
            var names = string.Join(", ", unsupported.Select(p => p.Name).Distinct().Order(StringComparer.Ordinal));
            return ApplyOutcome.Reject("unsupported_plugin", "this data plane cannot run plugin(s) " + names + "; it keeps serving its current config",
                unsupported.Select(p => Error(EntityKinds.Plugins.Name, p.Id.ToString(), "plugin '" + p.Name + "' has no runtime in this data plane")));
        }
        return null;
    }

    private static void Collect(EntityChange? change, string? error, string kind, string id, List<EntityChange> changes, List<EntityError> malformed)
    {
        if (change is not null)
        {
            changes.Add(change);
        }
        else
        {
            malformed.Add(Error(kind, id, error!));
        }
    }

    private static EntityError Error(string kind, string id, string message)
    {
        var error = new EntityError { Kind = kind, Id = id };
        error.Messages.Add(message);
        return error;
    }
}
