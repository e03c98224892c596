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

    public static void Configure(StoreOptions options, string connectionString)
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = Schema;
        options.AutoCreateSchemaObjects = AutoCreate.All;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.SnakeCase);
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.AddEventType<ConfigChanged>();
        options.Projections.Add(new ConfigEntityProjection(), ProjectionLifecycle.Inline);
        options.RegisterDocumentTypes(HybridGateway.Configuration.Entities.EntityKinds.All.Select(k => k.ClrType));
        options.RegisterDocumentType<AdminToken>();
    }
}
