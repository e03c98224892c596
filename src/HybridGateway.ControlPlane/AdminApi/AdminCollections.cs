using HybridGateway.Configuration.Entities;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>Kong's Admin API paths, top level and nested.</summary>
public static class AdminCollections
{
    public static readonly AdminCollection Services = new("services", EntityKinds.Services);
    public static readonly AdminCollection Routes = new("routes", EntityKinds.Routes);
    public static readonly AdminCollection Consumers = new("consumers", EntityKinds.Consumers);
    public static readonly AdminCollection Plugins = new("plugins", EntityKinds.Plugins);
    public static readonly AdminCollection Upstreams = new("upstreams", EntityKinds.Upstreams);
    public static readonly AdminCollection Certificates = new("certificates", EntityKinds.Certificates);
    public static readonly AdminCollection Snis = new("snis", EntityKinds.Snis);
    public static readonly AdminCollection CaCertificates = new("ca_certificates", EntityKinds.CaCertificates);

    public static IReadOnlyList<AdminCollection> All { get; } =
    [
        Services, Routes, Consumers, Plugins, Upstreams, Certificates, Snis, CaCertificates,
        new("key-auths", EntityKinds.KeyAuthCredentials),
        new("basic-auths", EntityKinds.BasicAuthCredentials),
        new("jwts", EntityKinds.JwtSecrets),
        new("acls", EntityKinds.Acls),
        new("routes", EntityKinds.Routes, Services, "service"),
        new("plugins", EntityKinds.Plugins, Services, "service"),
        new("plugins", EntityKinds.Plugins, Routes, "route"),
        new("plugins", EntityKinds.Plugins, Consumers, "consumer"),
        new("key-auth", EntityKinds.KeyAuthCredentials, Consumers, "consumer"),
        new("basic-auth", EntityKinds.BasicAuthCredentials, Consumers, "consumer"),
        new("jwt", EntityKinds.JwtSecrets, Consumers, "consumer"),
        new("acls", EntityKinds.Acls, Consumers, "consumer"),
        new("targets", EntityKinds.Targets, Upstreams, "upstream"),
        new("snis", EntityKinds.Snis, Certificates, "certificate"),
    ];

    /// <summary>The field besides id that names an item in a URL: /services/{name}, /consumers/{username}.</summary>
    public static string? LookupField(EntityKind kind) => kind.Name switch
    {
        "services" or "routes" or "upstreams" or "snis" => "name",
        "consumers" or "basicauth_credentials" => "username",
        "plugins" => "instance_name",
        "jwt_secrets" => "key",
        "acls" => "group",
        "targets" => "target",
        "keyauth_credentials" => "key_hash",
        _ => null,
    };
}
