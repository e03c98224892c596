using System.Collections.Immutable;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Validation;

namespace HybridGateway.Configuration.State;

/// <summary>
/// One immutable, internally consistent version of the whole config: every entity by kind and id,
/// with the unique-key and reverse-reference indexes that let a change be checked in time
/// proportional to its size. A new version is made by <see cref="Apply"/>; this one never changes.
/// </summary>
public sealed class ConfigState
{
    private readonly ImmutableDictionary<Guid, ConfigEntity>[] _tables;
    private readonly ImmutableDictionary<string, Guid>[] _unique;
    private readonly ImmutableDictionary<EntityAddress, ImmutableHashSet<EntityAddress>> _referrers;

    private ConfigState(
        long version,
        ConfigHash hash,
        ImmutableDictionary<Guid, ConfigEntity>[] tables,
        ImmutableDictionary<string, Guid>[] unique,
        ImmutableDictionary<EntityAddress, ImmutableHashSet<EntityAddress>> referrers)
    {
        Version = version;
        Hash = hash;
        _tables = tables;
        _unique = unique;
        _referrers = referrers;
    }

    public static ConfigState Empty { get; } = new(
        0,
        ConfigHash.Empty,
        EntityKinds.All.Select(_ => ImmutableDictionary<Guid, ConfigEntity>.Empty).ToArray(),
        EntityKinds.All.Select(_ => ImmutableDictionary<string, Guid>.Empty.WithComparers(StringComparer.Ordinal)).ToArray(),
        ImmutableDictionary<EntityAddress, ImmutableHashSet<EntityAddress>>.Empty);

    public long Version { get; }

    public ConfigHash Hash { get; }

    public int Count(EntityKind kind) => _tables[kind.Ordinal].Count;

    public int TotalCount => _tables.Sum(t => t.Count);

    public IEnumerable<ConfigEntity> All(EntityKind kind) => _tables[kind.Ordinal].Values;

    public IEnumerable<T> All<T>()
        where T : ConfigEntity => _tables[EntityKinds.Of<T>().Ordinal].Values.Cast<T>();

    public ConfigEntity? Find(EntityKind kind, Guid id) => _tables[kind.Ordinal].GetValueOrDefault(id);

    public T? Find<T>(Guid id)
        where T : ConfigEntity => Find(EntityKinds.Of<T>(), id) as T;

    /// <summary>The entity holding a unique key, written as the key's <see cref="UniqueKey.Read"/> writes it.</summary>
    public ConfigEntity? FindUnique(EntityKind kind, string keyText) =>
        _unique[kind.Ordinal].TryGetValue(keyText, out var id) ? Find(kind, id) : null;

    public IReadOnlyCollection<EntityAddress> ReferrersOf(EntityKind kind, Guid id) =>
        _referrers.TryGetValue(new EntityAddress(kind, id), out var set) ? set : [];

    /// <summary>A copy of this state with another version number (same content).</summary>
    public ConfigState WithVersion(long version) => new(version, Hash, _tables, _unique, _referrers);

    /// <summary>
    /// Applies a set of changes as one unit. Either every change is valid and the result is the
    /// new state, or the result lists every error and no state. The order of the changes does not matter.
    /// </summary>
    public ApplyResult Apply(IReadOnlyList<EntityChange> changes, long newVersion, EntityValidation validation)
    {
        var errors = new List<ConfigError>();
        var tables = _tables.Select(t => t.ToBuilder()).ToArray();
        var unique = _unique.Select(u => u.ToBuilder()).ToArray();
        var referrers = _referrers.ToBuilder();
        var hash = Hash;
        var seen = new HashSet<EntityAddress>();

        // First take every changed entity out, so that renames and swaps within one change never collide.
        foreach (var change in changes)
        {
            var address = new EntityAddress(change.Kind, change.Id);
            if (!seen.Add(address))
            {
                errors.Add(DuplicateChange(address));
                continue;
            }
            var old = tables[change.Kind.Ordinal].GetValueOrDefault(change.Id);
            if (old is null)
            {
                if (change.IsDelete)
                {
                    errors.Add(ConfigError.NotFound(address));
                }
                continue;
            }
            tables[change.Kind.Ordinal].Remove(change.Id);
            RemoveKeys(change.Kind, old, unique);
            RemoveReferences(address, old, referrers);
            hash = hash.Subtract(ConfigHash.OfEntity(change.Kind, old));
        }

        foreach (var change in changes)
        {
            if (change.Entity is not { } entity)
            {
                continue;
            }
            var address = new EntityAddress(change.Kind, change.Id);
            if (entity.Id != change.Id || EntityKinds.Of(entity) != change.Kind)
            {
                errors.Add(Mismatch(address));
                continue;
            }
            validation.Validate(address, entity, errors);
            if (tables[change.Kind.Ordinal].ContainsKey(change.Id))
            {
                continue; // a duplicate, already reported
            }
            tables[change.Kind.Ordinal][change.Id] = entity;
            AddKeys(address, entity, unique, errors);
            AddReferences(address, entity, referrers);
            hash = hash.Add(ConfigHash.OfEntity(change.Kind, entity));
        }

        foreach (var change in changes)
        {
            var address = new EntityAddress(change.Kind, change.Id);
            if (change.Entity is { } entity)
            {
                CheckReferencesResolve(address, entity, tables, errors);
            }
            else if (referrers.TryGetValue(address, out var remaining) && remaining.Count > 0)
            {
                errors.Add(ConfigError.ReferencedBy(address, remaining.First().Kind));
            }
        }

        if (errors.Count > 0)
        {
            return ApplyResult.Failed(errors);
        }
        return ApplyResult.Succeeded(new ConfigState(
            newVersion,
            hash,
            tables.Select(t => t.ToImmutable()).ToArray(),
            unique.Select(u => u.ToImmutable()).ToArray(),
            referrers.ToImmutable()));
    }

    private static void RemoveKeys(EntityKind kind, ConfigEntity entity, ImmutableDictionary<string, Guid>.Builder[] unique)
    {
        foreach (var key in kind.UniqueKeys)
        {
            if (key.Read(entity) is { } text && unique[kind.Ordinal].TryGetValue(text, out var owner) && owner == entity.Id)
            {
                unique[kind.Ordinal].Remove(text);
            }
        }
    }

    private static void AddKeys(
        EntityAddress address, ConfigEntity entity, ImmutableDictionary<string, Guid>.Builder[] unique, List<ConfigError> errors)
    {
        foreach (var key in address.Kind.UniqueKeys)
        {
            if (key.Read(entity) is not { } text)
            {
                continue;
            }
            if (unique[address.Kind.Ordinal].TryGetValue(text, out var owner) && owner != entity.Id)
            {
                errors.Add(ConfigError.Unique(address, key.Field, text));
                continue;
            }
            unique[address.Kind.Ordinal][text] = entity.Id;
        }
    }

    private static void RemoveReferences(
        EntityAddress address, ConfigEntity entity, ImmutableDictionary<EntityAddress, ImmutableHashSet<EntityAddress>>.Builder referrers)
    {
        foreach (var key in address.Kind.ForeignKeys)
        {
            foreach (var target in key.Read(entity))
            {
                var targetAddress = new EntityAddress(key.Target, target);
                if (referrers.TryGetValue(targetAddress, out var set))
                {
                    set = set.Remove(address);
                    if (set.IsEmpty)
                    {
                        referrers.Remove(targetAddress);
                    }
                    else
                    {
                        referrers[targetAddress] = set;
                    }
                }
            }
        }
    }

    private static void AddReferences(
        EntityAddress address, ConfigEntity entity, ImmutableDictionary<EntityAddress, ImmutableHashSet<EntityAddress>>.Builder referrers)
    {
        foreach (var key in address.Kind.ForeignKeys)
        {
            foreach (var target in key.Read(entity))
            {
                var targetAddress = new EntityAddress(key.Target, target);
                referrers[targetAddress] = referrers.TryGetValue(targetAddress, out var set)
                    ? set.Add(address)
                    : [address];
            }
        }
    }

    private static void CheckReferencesResolve(
        EntityAddress address, ConfigEntity entity, ImmutableDictionary<Guid, ConfigEntity>.Builder[] tables, List<ConfigError> errors)
    {
        foreach (var key in address.Kind.ForeignKeys)
        {
            foreach (var target in key.Read(entity))
            {
                if (!tables[key.Target.Ordinal].ContainsKey(target))
                {
                    errors.Add(ConfigError.MissingReference(address, key, target));
                }
            }
        }
    }

    private static ConfigError DuplicateChange(EntityAddress address)
    {
        var fields = new Schema.FieldErrors();
        fields.Add("id", "the same entity is changed twice in one change");
        return ConfigError.Schema(address, fields);
    }

    private static ConfigError Mismatch(EntityAddress address)
    {
        var fields = new Schema.FieldErrors();
        fields.Add("id", "does not match the entity's id or kind");
        return ConfigError.Schema(address, fields);
    }
}
