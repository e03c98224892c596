using HybridGateway.Configuration.Entities;

namespace HybridGateway.Configuration.Declarative;

/// <summary>Where each kind sits in a decK file: top-level keys, and what nests inside what.</summary>
internal static class DeclarativeLayout
{
    public const string FormatVersion = "3.0";

    public static IReadOnlyList<string> AcceptedFormatVersions { get; } = ["1.1", "2.1", "3.0"];

    public static IReadOnlyList<EntityKind> TopLevel { get; } =
    [
        EntityKinds.Services, EntityKinds.Routes, EntityKinds.Consumers, EntityKinds.Plugins,
        EntityKinds.Upstreams, EntityKinds.Certificates, EntityKinds.CaCertificates, EntityKinds.Snis,
    ];

    /// <summary>Child collections by parent kind: (key in the file, child kind, foreign key the nesting sets).</summary>
    public static IReadOnlyDictionary<EntityKind, (string Key, EntityKind Kind, string Field)[]> Children { get; } =
        new Dictionary<EntityKind, (string, EntityKind, string)[]>
        {
            [EntityKinds.Services] = [("routes", EntityKinds.Routes, "service"), ("plugins", EntityKinds.Plugins, "service")],
            [EntityKinds.Routes] = [("plugins", EntityKinds.Plugins, "route")],
            [EntityKinds.Consumers] =
            [
                ("plugins", EntityKinds.Plugins, "consumer"),
                ("keyauth_credentials", EntityKinds.KeyAuthCredentials, "consumer"),
                ("basicauth_credentials", EntityKinds.BasicAuthCredentials, "consumer"),
                ("jwt_secrets", EntityKinds.JwtSecrets, "consumer"),
                ("acls", EntityKinds.Acls, "consumer"),
            ],
            [EntityKinds.Upstreams] = [("targets", EntityKinds.Targets, "upstream")],
            [EntityKinds.Certificates] = [("snis", EntityKinds.Snis, "certificate")],
        };

    /// <summary>Keys of Kong's format that name things this gateway does not have, with the reason.</summary>
    public static IReadOnlyDictionary<string, string> Unsupported { get; } = new Dictionary<string, string>
    {
        ["_workspace"] = "workspaces are a Kong Enterprise feature and are not supported",
        ["_konnect"] = "Konnect control planes are not supported",
        ["consumer_groups"] = "consumer groups are not supported",
        ["vaults"] = "vaults are not supported",
        ["keys"] = "keys are not supported",
        ["key_sets"] = "key sets are not supported",
        ["filter_chains"] = "filter chains are not supported",
        ["partials"] = "partials are not supported",
        ["custom_entities"] = "custom entities are not supported",
        ["hmacauth_credentials"] = "hmac-auth credentials are not supported",
        ["oauth2_credentials"] = "oauth2 credentials are not supported",
        ["mtls_auth_credentials"] = "mtls-auth credentials are not supported",
        ["groups"] = "consumer groups are not supported",
    };
}
