namespace HybridGateway.Configuration.Entities;

/// <summary>Every entity kind, in dependency order: a kind appears after the kinds it references.</summary>
public static class EntityKinds
{
    private const string StreamRoutes = "stream routes (tcp, tls, udp) are not supported";

    public static readonly EntityKind Certificates = new(0, "certificates", "certificate", typeof(Certificate));
    public static readonly EntityKind CaCertificates = new(1, "ca_certificates", "ca_certificate", typeof(CaCertificate));
    public static readonly EntityKind Snis = new(2, "snis", "sni", typeof(Sni));
    public static readonly EntityKind Services = new(3, "services", "service", typeof(Service));
    public static readonly EntityKind Routes = new(4, "routes", "route", typeof(Route));
    public static readonly EntityKind Upstreams = new(5, "upstreams", "upstream", typeof(Upstream));
    public static readonly EntityKind Targets = new(6, "targets", "target", typeof(Target));
    public static readonly EntityKind Consumers = new(7, "consumers", "consumer", typeof(Consumer));
    public static readonly EntityKind KeyAuthCredentials = new(8, "keyauth_credentials", "keyauth_credential", typeof(KeyAuthCredential));
    public static readonly EntityKind BasicAuthCredentials = new(9, "basicauth_credentials", "basicauth_credential", typeof(BasicAuthCredential));
    public static readonly EntityKind JwtSecrets = new(10, "jwt_secrets", "jwt_secret", typeof(JwtSecret));
    public static readonly EntityKind Acls = new(11, "acls", "acl", typeof(Acl));
    public static readonly EntityKind Plugins = new(12, "plugins", "plugin", typeof(Plugin));

    public static IReadOnlyList<EntityKind> All { get; } =
    [
        Certificates, CaCertificates, Snis, Services, Routes, Upstreams, Targets, Consumers,
        KeyAuthCredentials, BasicAuthCredentials, JwtSecrets, Acls, Plugins,
    ];

    private static readonly Dictionary<string, EntityKind> ByNameMap = All.ToDictionary(k => k.Name, StringComparer.Ordinal);
    private static readonly Dictionary<Type, EntityKind> ByTypeMap = All.ToDictionary(k => k.ClrType);

    static EntityKinds()
    {
        Certificates.Label = _ => null;
        CaCertificates.UniqueKeys = [UniqueKey.Of<CaCertificate>("cert_digest", c => c.CertDigest)];
        Snis.ForeignKeys = [ForeignKey.Single<Sni>("certificate", Certificates, cascade: true, s => s.Certificate)];
        Snis.UniqueKeys = [UniqueKey.Of<Sni>("name", s => s.Name)];
        Snis.Label = e => ((Sni)e).Name;

        Services.ForeignKeys =
        [
            ForeignKey.Single<Service>("client_certificate", Certificates, cascade: false, s => s.ClientCertificate),
            new ForeignKey("ca_certificates", CaCertificates, false, e => ((Service)e).CaCertificates ?? []),
        ];
        Services.UniqueKeys = [UniqueKey.Of<Service>("name", s => s.Name)];
        Services.Label = e => ((Service)e).Name;

        Routes.ForeignKeys = [ForeignKey.Single<Route>("service", Services, cascade: false, r => r.Service)];
        Routes.UniqueKeys = [UniqueKey.Of<Route>("name", r => r.Name)];
        Routes.Label = e => ((Route)e).Name;
        Routes.UnsupportedFields = new Dictionary<string, string>
        {
            ["expression"] = "the expressions router is not supported; use methods, hosts, paths, headers and snis",
            ["priority"] = "the expressions router is not supported; use regex_priority",
            ["sources"] = StreamRoutes,
            ["destinations"] = StreamRoutes,
        };

        Upstreams.ForeignKeys = [ForeignKey.Single<Upstream>("client_certificate", Certificates, cascade: false, u => u.ClientCertificate)];
        Upstreams.UniqueKeys = [UniqueKey.Of<Upstream>("name", u => u.Name, ignoreCase: true)];
        Upstreams.Label = e => ((Upstream)e).Name;

        Targets.ForeignKeys = [ForeignKey.Single<Target>("upstream", Upstreams, cascade: true, t => t.Upstream)];
        Targets.UniqueKeys =
        [
            new UniqueKey("target", e => e is Target { Upstream: { } u } t
                ? "{upstream={id=\"" + u.Id + "\"},target=\"" + t.Address + "\"}"
                : null),
        ];
        Targets.Label = e => ((Target)e).Address;

        Consumers.UniqueKeys =
        [
            UniqueKey.Of<Consumer>("username", c => c.Username),
            UniqueKey.Of<Consumer>("custom_id", c => c.CustomId),
        ];
        Consumers.Label = e => ((Consumer)e).Username ?? ((Consumer)e).CustomId;

        KeyAuthCredentials.ForeignKeys = [ForeignKey.Single<KeyAuthCredential>("consumer", Consumers, cascade: true, c => c.Consumer)];
        KeyAuthCredentials.UniqueKeys = [UniqueKey.Of<KeyAuthCredential>("key_hash", c => c.KeyHash)];

        BasicAuthCredentials.ForeignKeys = [ForeignKey.Single<BasicAuthCredential>("consumer", Consumers, cascade: true, c => c.Consumer)];
        BasicAuthCredentials.UniqueKeys = [UniqueKey.Of<BasicAuthCredential>("username", c => c.Username)];
        BasicAuthCredentials.Label = e => ((BasicAuthCredential)e).Username;

        JwtSecrets.ForeignKeys = [ForeignKey.Single<JwtSecret>("consumer", Consumers, cascade: true, c => c.Consumer)];
        JwtSecrets.UniqueKeys = [UniqueKey.Of<JwtSecret>("key", c => c.Key)];
        JwtSecrets.Label = e => ((JwtSecret)e).Key;

        Acls.ForeignKeys = [ForeignKey.Single<Acl>("consumer", Consumers, cascade: true, c => c.Consumer)];
        Acls.UniqueKeys =
        [
            new UniqueKey("group", e => e is Acl { Consumer: { } c } a
                ? "{consumer={id=\"" + c.Id + "\"},group=\"" + a.Group + "\"}"
                : null),
        ];
        Acls.Label = e => ((Acl)e).Group;

        Plugins.ForeignKeys =
        [
            ForeignKey.Single<Plugin>("route", Routes, cascade: true, p => p.Route),
            ForeignKey.Single<Plugin>("service", Services, cascade: true, p => p.Service),
            ForeignKey.Single<Plugin>("consumer", Consumers, cascade: true, p => p.Consumer),
        ];
        Plugins.UniqueKeys =
        [
            new UniqueKey("name", e => e is Plugin p ? PluginScopeKey(p) : null),
            UniqueKey.Of<Plugin>("instance_name", p => p.InstanceName),
        ];
        Plugins.Label = e => ((Plugin)e).InstanceName ?? ((Plugin)e).Name;
    }

    public static EntityKind? Find(string name) => ByNameMap.GetValueOrDefault(name);

    public static EntityKind Of(ConfigEntity entity) => ByTypeMap[entity.GetType()];

    public static EntityKind Of<T>()
        where T : ConfigEntity => ByTypeMap[typeof(T)];

    private static string PluginScopeKey(Plugin p) =>
        "{consumer=" + Ref(p.Consumer) + ",name=\"" + p.Name + "\",route=" + Ref(p.Route) + ",service=" + Ref(p.Service) + "}";

    private static string Ref(EntityRef? r) => r is null ? "null" : "{id=\"" + r.Id + "\"}";
}
