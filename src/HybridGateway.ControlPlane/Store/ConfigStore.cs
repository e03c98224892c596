using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Validation;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace HybridGateway.ControlPlane.Store;

/// <summary>
/// The config as an event stream in PostgreSQL: one stream, one event per version, appended with
/// optimistic concurrency. Keeps the current state in memory for validation and fan-out, and
/// catches up from the log whenever another replica has written.
/// </summary>
public sealed partial class ConfigStore(IDocumentStore store, EntityValidation validation, TimeProvider clock, ILogger<ConfigStore> logger)
{
    public const string StreamKey = "default";

    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly Lock _publish = new();
    private readonly ConfigVersionLog _versions = new();
    private volatile ConfigState _current = ConfigState.Empty;
    private volatile TaskCompletionSource _changed = NewSignal();

    /// <summary>What the recent versions touched, for building deltas.</summary>
    public ConfigVersionLog Versions => _versions;

    /// <summary>The newest state this process knows of, without asking the database.</summary>
    public ConfigState Cached => _current;

    /// <summary>Completes when a newer version than <paramref name="version"/> is known locally.</summary>
    public Task WaitForNewerThanAsync(long version, CancellationToken cancellation)
    {
        var signal = _changed;
        return _current.Version > version ? Task.CompletedTask : signal.Task.WaitAsync(cancellation);
    }

    public async Task<long> FetchVersionAsync(CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var state = await session.Events.FetchStreamStateAsync(StreamKey, cancellation);
        return state?.Version ?? 0;
    }

    /// <summary>The current state, caught up with the database (another replica may have written).</summary>
    public async Task<ConfigState> GetCurrentAsync(CancellationToken cancellation)
    {
        var version = await FetchVersionAsync(cancellation);
        return _current.Version == version ? _current : await CatchUpAsync(version, cancellation);
    }

    /// <summary>
    /// Validates the change against <paramref name="basis"/> and appends it as version basis+1.
    /// A basis that is no longer the newest version (or an If-Match that is not) is a conflict.
    /// </summary>
    public async Task<CommitResult> CommitAsync(ConfigState basis, IReadOnlyList<EntityChange> changes, ChangeContext context, CancellationToken cancellation)
    {
        if (context.IfMatch is { } expected && expected != basis.Version)
        {
            return CommitResult.Conflict(basis.Version);
        }
        if (changes.Count == 0)
        {
            return CommitResult.Unchanged(basis);
        }
        var applied = basis.Apply(changes, basis.Version + 1, validation);
        if (!applied.Success)
        {
            return CommitResult.Invalid(applied.Errors, basis.Version);
        }
        var next = applied.State!;
        var changed = new ConfigChanged
        {
            Actor = context.Actor,
            Reason = context.Reason,
            Operation = context.Operation,
            At = clock.GetUtcNow(),
            Changes = changes.Select(c => StoredChanges.ToStored(c, basis)).ToArray(),
            Hash = next.Hash.ToString(),
        };
        await using (var session = store.LightweightSession())
        {
            session.LastModifiedBy = context.Actor;
            session.Events.Append(StreamKey, next.Version, changed);
            session.QueueSqlCommand("select pg_notify('" + ConfigNotifications.Channel + "', ?)", next.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                await session.SaveChangesAsync(cancellation);
            }
            catch (Exception e) when (IsConcurrencyConflict(e))
            {
                var now = await FetchVersionAsync(cancellation);
                LogConflict(logger, next.Version, now);
                return CommitResult.Conflict(now);
            }
        }
        LogCommitted(logger, next.Version, changes.Count, context.Operation, context.Actor);
        _versions.Add(new VersionRecord(next.Version, changes.Select(c => new EntityAddress(c.Kind, c.Id)).ToArray(), changed.Hash, changed.At));
        Publish(next);
        return CommitResult.Committed(next);
    }

    /// <summary>The config as it was at a version, rebuilt from the event log.</summary>
    public async Task<ConfigState?> GetAtVersionAsync(long version, CancellationToken cancellation)
    {
        var current = await GetCurrentAsync(cancellation);
        if (version == current.Version)
        {
            return current;
        }
        if (version < 0 || version > current.Version)
        {
            return null;
        }
        if (version == 0)
        {
            return ConfigState.Empty; // before the first version (Marten reads version 0 as "latest")
        }
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(StreamKey, version, null, 0, cancellation);
        return Fold(ConfigState.Empty, events, record: false);
    }

    /// <summary>A version's record: from memory when recent, else from the event log.</summary>
    public async Task<VersionRecord?> GetVersionRecordAsync(long version, CancellationToken cancellation)
    {
        if (_versions.Find(version) is { } record)
        {
            return record;
        }
        if (version <= 0)
        {
            return null;
        }
        var events = await GetEventsAsync(version - 1, version, cancellation);
        return events.Count == 1 && events[0].Data is ConfigChanged changed
            ? new VersionRecord(version, changed.Changes.Select(c => new EntityAddress(EntityKinds.Find(c.Kind)!, c.Id)).ToArray(), changed.Hash, changed.At)
            : null;
    }

    /// <summary>The events after <paramref name="afterVersion"/> up to <paramref name="toVersion"/>, oldest first.</summary>
    public async Task<IReadOnlyList<IEvent>> GetEventsAsync(long afterVersion, long toVersion, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        return await session.Events.FetchStreamAsync(StreamKey, toVersion, null, afterVersion + 1, cancellation);
    }

    private async Task<ConfigState> CatchUpAsync(long version, CancellationToken cancellation)
    {
        await _catchUp.WaitAsync(cancellation);
        try
        {
            var current = _current;
            if (current.Version == version)
            {
                return current;
            }
            var from = current.Version < version ? current : ConfigState.Empty;
            var events = await GetEventsAsync(from.Version, version, cancellation);
            var caughtUp = Fold(from, events, record: true);
            Publish(caughtUp);
            return caughtUp;
        }
        finally
        {
            _catchUp.Release();
        }
    }

    private ConfigState Fold(ConfigState state, IReadOnlyList<IEvent> events, bool record)
    {
        foreach (var e in events)
        {
            if (e.Data is not ConfigChanged changed)
            {
                continue;
            }
            var result = state.Apply(changed.Changes.Select(StoredChanges.ToChange).ToArray(), e.Version, EntityValidation.Trusted);
            if (!result.Success)
            {
                throw new InvalidDataException("config version " + e.Version + " in the event log does not apply: " + string.Join("; ", result.Errors));
            }
            state = result.State!;
            if (record)
            {
                _versions.Add(new VersionRecord(e.Version, changed.Changes.Select(c => new EntityAddress(EntityKinds.Find(c.Kind)!, c.Id)).ToArray(), changed.Hash, changed.At));
            }
            if (state.Hash.ToString() != changed.Hash)
            {
                LogHashMismatch(logger, e.Version, changed.Hash, state.Hash.ToString());
            }
        }
        return state;
    }

    /// <summary>Makes a state the cached one, if it is newer: commits and catch-ups race, and the cache only moves forward.</summary>
    private void Publish(ConfigState state)
    {
        lock (_publish)
        {
            if (state.Version <= _current.Version)
            {
                return;
            }
            _current = state;
        }
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static bool IsConcurrencyConflict(Exception e) =>
        e is EventStreamUnexpectedMaxEventIdException
        || e.GetType().Name.Contains("Concurrency", StringComparison.Ordinal)
        || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || (e.InnerException is not null && IsConcurrencyConflict(e.InnerException));

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Committed config version {Version} ({Changes} changes) by {Operation} from {Actor}")]
    private static partial void LogCommitted(ILogger logger, long version, int changes, string operation, string actor);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Write of version {Version} lost a race; the store is at version {Current}")]
    private static partial void LogConflict(ILogger logger, long version, long current);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Config version {Version} replays to hash {Actual}, the event recorded {Recorded}")]
    private static partial void LogHashMismatch(ILogger logger, long version, string recorded, string actual);
}
