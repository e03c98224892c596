using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>What the store, the validators and the Admin API need to know about one kind of entity.</summary>
public sealed class EntityKind
{
    internal EntityKind(int ordinal, string name, string singular, Type clrType)
    {
        Ordinal = ordinal;
        Name = name;
        Singular = singular;
        ClrType = clrType;
    }

    public int Ordinal { get; }

    /// <summary>Kong's table name, also the key in declarative files: <c>services</c>.</summary>
    public string Name { get; }

    public string Singular { get; }

    public Type ClrType { get; }

    public TypeSchema Schema => TypeSchema.For(ClrType);

    public IReadOnlyList<ForeignKey> ForeignKeys { get; internal set; } = [];

    public IReadOnlyList<UniqueKey> UniqueKeys { get; internal set; } = [];

    /// <summary>Kong fields we recognise but do not support, with the reason given to the user.</summary>
    public IReadOnlyDictionary<string, string> UnsupportedFields { get; internal set; } = new Dictionary<string, string>();

    /// <summary>The unique key by which users name an entity of this kind in URLs and references (name, username), if any.</summary>
    public UniqueKey? NameKey => UniqueKeys.FirstOrDefault(k => k.Field is "name" or "username");

    /// <summary>The human name of an entity for messages and lookups (name, username, target…), if it has one.</summary>
    public Func<ConfigEntity, string?> Label { get; internal set; } = _ => null;

    public override string ToString() => Name;
}
