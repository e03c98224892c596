using HybridGateway.ControlPlane.AdminAuth;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Core;

namespace HybridGateway.ControlPlane.Store;

/// <summary>Marten's configuration: one string-keyed event stream, inline entity documents, our JSON casing.</summary>
public static class MartenSetup
{
    public const string Schema = "hybridgateway";

    /// <summary>
    /// The connection string with bounds where the operator set none: connecting gives up after 3 s
    /// (not 15), and a cancelled command breaks its connection at once instead of waiting for the
    /// server to acknowledge the cancellation (a frozen server never does).
    /// </summary>
    public static string Hardened(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Timeout"))
        {
            builder.Timeout = 3;
        }
        if (!builder.ContainsKey("Cancellation Timeout"))
        {
            builder.CancellationTimeout = -1;
        }
        return builder.ConnectionString;
    }

    public static void Configure(StoreOptions options, string connectionString)
    {
        options.Connection(Hardened(connectionString));
        options.DatabaseSchemaName = Schema;
        options.AutoCreateSchemaObjects = AutoCreate.All;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.SnakeCase);
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.AddEventType<ConfigChanged>();
        options.Projections.Add(new ConfigEntityProjection(), ProjectionLifecycle.Inline);
        options.RegisterDocumentTypes(HybridGateway.Configuration.Entities.EntityKinds.All.Select(k => k.ClrType));
        options.RegisterDocumentType<AdminToken>();
        // Replicas move rollouts on concurrently: a step taken on a stale read is refused, never stored.
        options.Schema.For<Rollout.RolloutPlan>().UseOptimisticConcurrency(true);
    }
}
