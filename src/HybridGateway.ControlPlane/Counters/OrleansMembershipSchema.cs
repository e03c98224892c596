using Npgsql;

namespace HybridGateway.ControlPlane.Counters;

/// <summary>Creates the PostgreSQL tables and stored queries that Orleans' ADO.NET clustering reads.</summary>
public static class OrleansMembershipSchema
{
    private const long SchemaLockId = 5208227492272033363;

    private const string Tables = """
        create table if not exists orleansquery (
            querykey varchar(64) primary key,
            querytext text not null
        );
        create table if not exists orleansmembershipversiontable (
            deploymentid text primary key,
            timestamp timestamptz not null default now(),
            version integer not null default 0
        );
        create table if not exists orleansmembershiptable (
            deploymentid text not null references orleansmembershipversiontable (deploymentid),
            address text not null,
            port integer not null,
            generation integer not null,
            siloname text not null,
            hostname text not null,
            status integer not null,
            proxyport integer not null default 0,
            suspecttimes text,
            starttime timestamptz not null,
            iamalivetime timestamptz not null,
            primary key (deploymentid, address, port, generation)
        );
        """;

    private const string UpsertQuery = """
        insert into orleansquery (querykey, querytext) values (@key, @text)
        on conflict (querykey) do update set querytext = excluded.querytext
        """;

    private const string InsertMembershipVersionKey = """
        with created as (
            insert into orleansmembershipversiontable (deploymentid, timestamp, version)
            values (@DeploymentId, now(), 0)
            on conflict (deploymentid) do nothing
            returning deploymentid
        )
        select exists (select 1 from created)
        """;

    private const string InsertMembershipKey = """
        with bumped as (
            update orleansmembershipversiontable v
            set version = v.version + 1, timestamp = now()
            where v.deploymentid = @DeploymentId
              and v.version = @Version
              and not exists (
                  select 1 from orleansmembershiptable m
                  where m.deploymentid = @DeploymentId
                    and m.address = @Address
                    and m.port = @Port
                    and m.generation = @Generation)
            returning v.deploymentid
        ),
        added as (
            insert into orleansmembershiptable
                (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
            select b.deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
            from bumped b
            returning deploymentid
        )
        select exists (select 1 from added)
        """;

    private const string UpdateMembershipKey = """
        with target as (
            select m.deploymentid from orleansmembershiptable m
            where m.deploymentid = @DeploymentId
              and m.address = @Address
              and m.port = @Port
              and m.generation = @Generation
            for no key update
        ),
        bumped as (
            update orleansmembershipversiontable v
            set version = v.version + 1, timestamp = now()
            where v.deploymentid = @DeploymentId
              and v.version = @Version
              and exists (select 1 from target)
            returning v.deploymentid
        ),
        changed as (
            update orleansmembershiptable m
            set status = @Status,
                suspecttimes = @SuspectTimes,
                iamalivetime = greatest(m.iamalivetime, @IAmAliveTime)
            from bumped b
            where m.deploymentid = b.deploymentid
              and m.address = @Address
              and m.port = @Port
              and m.generation = @Generation
            returning m.deploymentid
        )
        select exists (select 1 from changed)
        """;

    private const string UpdateIAmAlivetimeKey = """
        update orleansmembershiptable
        set iamalivetime = greatest(iamalivetime, @IAmAliveTime)
        where deploymentid = @DeploymentId
          and address = @Address
          and port = @Port
          and generation = @Generation
        """;

    private const string MembershipReadRowKey = """
        select v.version as "Version",
               m.address as "Address", m.port as "Port", m.generation as "Generation",
               m.siloname as "SiloName", m.hostname as "HostName", m.status as "Status",
               m.proxyport as "ProxyPort", m.suspecttimes as "SuspectTimes",
               m.starttime as "StartTime", m.iamalivetime as "IAmAliveTime"
        from orleansmembershipversiontable v
        left join orleansmembershiptable m
          on m.deploymentid = v.deploymentid
         and m.address = @Address
         and m.port = @Port
         and m.generation = @Generation
        where v.deploymentid = @DeploymentId
        """;

    private const string MembershipReadAllKey = """
        select v.version as "Version",
               m.address as "Address", m.port as "Port", m.generation as "Generation",
               m.siloname as "SiloName", m.hostname as "HostName", m.status as "Status",
               m.proxyport as "ProxyPort", m.suspecttimes as "SuspectTimes",
               m.starttime as "StartTime", m.iamalivetime as "IAmAliveTime"
        from orleansmembershipversiontable v
        left join orleansmembershiptable m on m.deploymentid = v.deploymentid
        where v.deploymentid = @DeploymentId
        order by m.address, m.port, m.generation
        """;

    private const string GatewaysQueryKey = """
        select m.address as "Address", m.proxyport as "ProxyPort", m.generation as "Generation"
        from orleansmembershiptable m
        where m.deploymentid = @DeploymentId
          and m.status = @Status
          and m.proxyport > 0
        """;

    private const string DeleteMembershipTableEntriesKey = """
        with members as (
            delete from orleansmembershiptable where deploymentid = @DeploymentId
        )
        delete from orleansmembershipversiontable where deploymentid = @DeploymentId
        """;

    private const string CleanupDefunctSiloEntriesKey = """
        delete from orleansmembershiptable
        where deploymentid = @DeploymentId
          and status = 6
          and iamalivetime < @IAmAliveTime
          and starttime < @IAmAliveTime
          and coalesce(suspecttimes, '') = ''
        """;

    private const string CleanupDefunctSiloEntryKey = """
        delete from orleansmembershiptable
        where deploymentid = @DeploymentId
          and address = @Address
          and port = @Port
          and generation = @Generation
          and status = 6
          and starttime = @StartTime
          and iamalivetime = @IAmAliveTime
          and coalesce(suspecttimes, '') = coalesce(@SuspectTimes, '')
        """;

    private static readonly (string Key, string Text)[] Queries =
    [
        (nameof(InsertMembershipVersionKey), InsertMembershipVersionKey),
        (nameof(InsertMembershipKey), InsertMembershipKey),
        (nameof(UpdateMembershipKey), UpdateMembershipKey),
        (nameof(UpdateIAmAlivetimeKey), UpdateIAmAlivetimeKey),
        (nameof(MembershipReadRowKey), MembershipReadRowKey),
        (nameof(MembershipReadAllKey), MembershipReadAllKey),
        (nameof(GatewaysQueryKey), GatewaysQueryKey),
        (nameof(DeleteMembershipTableEntriesKey), DeleteMembershipTableEntriesKey),
        (nameof(CleanupDefunctSiloEntriesKey), CleanupDefunctSiloEntriesKey),
        (nameof(CleanupDefunctSiloEntryKey), CleanupDefunctSiloEntryKey),
    ];

    /// <summary>
    /// Creates the tables when missing and stores the current text of every query, under an advisory
    /// lock so replicas starting together do not race on the DDL.
    /// </summary>
    public static async Task EnsureAsync(string connectionString, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(@id)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("id", SchemaLockId);
            await lockCommand.ExecuteNonQueryAsync(cancellation);
        }
        await using (var tables = new NpgsqlCommand(Tables, connection, transaction))
        {
            await tables.ExecuteNonQueryAsync(cancellation);
        }
        await using (var upsert = new NpgsqlCommand(UpsertQuery, connection, transaction))
        {
            var key = new NpgsqlParameter<string>("key", string.Empty);
            var text = new NpgsqlParameter<string>("text", string.Empty);
            upsert.Parameters.Add(key);
            upsert.Parameters.Add(text);
            foreach (var (queryKey, queryText) in Queries)
            {
                key.TypedValue = queryKey;
                text.TypedValue = queryText;
                await upsert.ExecuteNonQueryAsync(cancellation);
            }
        }
        await transaction.CommitAsync(cancellation);
    }
}
