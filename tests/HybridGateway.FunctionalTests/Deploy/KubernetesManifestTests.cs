using System.Globalization;
using System.Text.Json.Nodes;
using static HybridGateway.FunctionalTests.Deploy.RenderedManifests;

namespace HybridGateway.FunctionalTests.Deploy;

/// <summary>
/// deploy/kubernetes, rendered offline with `kubectl kustomize` and checked for what an operator
/// relies on. (`kubectl apply --dry-run=client` needs an API server for discovery, so it is not
/// used: docs/operations.md says so.)
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string[] Regions = ["eu-west", "us-east"];

    [Fact]
    public async Task ControlPlane_RunsTwoReplicas_BehindOneServiceWithTheAdminAndClusterPorts()
    {
        var manifests = await RenderAsync();
        var deployment = manifests.Get("Deployment", "hgw-control-plane");
        Assert.Equal("2", Text(deployment["spec"]!["replicas"]));
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!.AsObject();
        Assert.Equal("0.0.0.0:8001", manifests.Env(container, "HGW_ControlPlane__AdminListen"));
        Assert.Equal("0.0.0.0:8005", manifests.Env(container, "HGW_ControlPlane__ClusterListen"));
        // REST and gRPC over TLS for operators; the h2c gRPC port keeps its loopback default.
        Assert.Equal("0.0.0.0:8444", manifests.Env(container, "HGW_ControlPlane__AdminTlsListen"));
        Assert.StartsWith("/etc/hybridgateway/tls/", manifests.Env(container, "HGW_ControlPlane__AdminTls__CertificatePath"), StringComparison.Ordinal);
        Assert.Equal("postgres", manifests.Env(container, "HGW_ControlPlane__Counters__Membership"));
        Assert.Equal("(from secretKeyRef)", manifests.Env(container, "HGW_ControlPlane__ConnectionString"));
        Assert.Equal("(from secretKeyRef)", manifests.Env(container, "HGW_ControlPlane__BootstrapAdminToken"));
        Assert.Equal(["admin:8001", "admin-tls:8444", "cluster:8005", "silo:11111"], ContainerPorts(container));

        var service = manifests.Get("Service", "hgw-control-plane");
        Assert.Equal(["admin:8001->admin", "admin-tls:8444->admin-tls", "cluster:8005->cluster"],
            service["spec"]!["ports"]!.AsArray().Select(p => Text(p!["name"]) + ":" + Text(p["port"]) + "->" + Text(p["targetPort"])));
        Assert.Equal("hgw-control-plane", Text(service["spec"]!["selector"]!["app.kubernetes.io/name"]));
        Assert.Equal("hgw-control-plane", Text(deployment["spec"]!["template"]!["metadata"]!["labels"]!["app.kubernetes.io/name"]));

        // The server certificate and the node CA come from the mounted Secret.
        Assert.StartsWith("/etc/hybridgateway/tls/", manifests.Env(container, "HGW_ControlPlane__ClusterTls__KeyPath"), StringComparison.Ordinal);
        Assert.Equal("hgw-control-plane-tls", Text(Volume(deployment, MountedVolume(container, "/etc/hybridgateway/tls"))["secret"]!["secretName"]));
    }

    [Theory]
    [InlineData("eu-west")]
    [InlineData("us-east")]
    public async Task DataPlanes_OfARegion_CarryItsLabel_AreReadyOnStatusReady_AndEachPodHasTheCertificateOfItsNodeId(string region)
    {
        var manifests = await RenderAsync();
        var set = manifests.Get("StatefulSet", "hgw-dp-" + region);
        var container = set["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!.AsObject();
        Assert.Equal(region, manifests.Env(container, "HGW_DataPlane__Labels__region"));

        // The kubelet probes the pod's address: the status listener must not be on loopback, and the probe's port must be it.
        Assert.Equal("0.0.0.0:8100", manifests.Env(container, "HGW_DataPlane__StatusListen"));
        Assert.Contains("status:8100", ContainerPorts(container));
        Assert.Equal("/status/ready", Text(container["readinessProbe"]!["httpGet"]!["path"]));
        Assert.Equal("status", Text(container["readinessProbe"]!["httpGet"]!["port"]));
        Assert.Equal("/status", Text(container["livenessProbe"]!["httpGet"]!["path"]));

        // Node id = pod name; the certificate of that name is in the region's Secret for every ordinal.
        Assert.Equal("$(POD_NAME)", manifests.Env(container, "HGW_DataPlane__NodeId"));
        Assert.Equal("/etc/hybridgateway/tls/$(POD_NAME).crt", manifests.Env(container, "HGW_DataPlane__Tls__CertificatePath"));
        Assert.Equal("/etc/hybridgateway/tls/$(POD_NAME).key", manifests.Env(container, "HGW_DataPlane__Tls__KeyPath"));
        Assert.Equal("/etc/hybridgateway/tls/ca.crt", manifests.Env(container, "HGW_DataPlane__Tls__CaPath"));
        var secretName = Text(Volume(set, MountedVolume(container, "/etc/hybridgateway/tls"))["secret"]!["secretName"])!;
        var keys = manifests.Get("Secret", secretName)["stringData"]!.AsObject().Select(p => p.Key).ToHashSet();
        var replicas = int.Parse(Text(set["spec"]!["replicas"])!, CultureInfo.InvariantCulture);
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            var podName = "hgw-dp-" + region + "-" + ordinal.ToString(CultureInfo.InvariantCulture);
            Assert.True(HybridGateway.ControlPlane.Sync.NodeIdentity.IsWellFormed(podName), podName + " is not a node id the control plane accepts");
            Assert.Contains(podName + ".crt", keys);
            Assert.Contains(podName + ".key", keys);
        }
        Assert.Contains("ca.crt", keys);

        // They dial the control plane's Service on its cluster port, over TLS.
        var controlPlane = new Uri(manifests.Env(container, "HGW_DataPlane__ControlPlane")!);
        Assert.Equal("https", controlPlane.Scheme);
        Assert.Equal("hgw-control-plane.hybridgateway.svc", controlPlane.Host);
        Assert.Equal(8005, controlPlane.Port);

        // The proxy Service sends traffic to this region's pods only.
        var proxy = manifests.Get("Service", "hgw-proxy-" + region);
        Assert.Equal(region, Text(proxy["spec"]!["selector"]!["hybridgateway.io/region"]));
        Assert.Equal(region, Text(set["spec"]!["template"]!["metadata"]!["labels"]!["hybridgateway.io/region"]));
    }

    [Fact]
    public async Task EveryWorkload_HasADisruptionBudget_MatchingItsPods()
    {
        var manifests = await RenderAsync();
        var workloads = manifests.OfKind("Deployment").Concat(manifests.OfKind("StatefulSet")).ToArray();
        Assert.Equal(1 + Regions.Length, workloads.Length);
        var budgets = manifests.OfKind("PodDisruptionBudget").ToArray();
        foreach (var workload in workloads)
        {
            var podLabels = workload["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
            var matching = budgets.Where(b => b["spec"]!["selector"]!["matchLabels"]!.AsObject().All(l => Text(podLabels[l.Key]) == Text(l.Value))).ToArray();
            Assert.True(matching.Length == 1, "workload " + Text(workload["metadata"]!["name"]) + " is covered by " + matching.Length + " disruption budgets");
            var replicas = int.Parse(Text(workload["spec"]!["replicas"])!, CultureInfo.InvariantCulture);
            var minAvailable = Text(matching[0]["spec"]!["minAvailable"]);
            var maxUnavailable = Text(matching[0]["spec"]!["maxUnavailable"]);
            // A budget that can never be met would block every node drain.
            Assert.True(minAvailable is not null ? int.Parse(minAvailable, CultureInfo.InvariantCulture) < replicas : int.Parse(maxUnavailable!, CultureInfo.InvariantCulture) >= 1);
        }
    }

    [Fact]
    public async Task EveryContainer_RunsNonRootOnAReadOnlyRoot_WithProbesAndResources_AndWritesOnlyToEmptyDirs()
    {
        var manifests = await RenderAsync();
        foreach (var workload in manifests.OfKind("Deployment").Concat(manifests.OfKind("StatefulSet")))
        {
            var name = Text(workload["metadata"]!["name"]);
            var pod = workload["spec"]!["template"]!["spec"]!.AsObject();
            Assert.True(Text(pod["securityContext"]!["runAsNonRoot"]) == "true", name);
            Assert.NotEqual("0", Text(pod["securityContext"]!["runAsUser"]));
            Assert.Equal("false", Text(pod["automountServiceAccountToken"]));
            foreach (var container in pod["containers"]!.AsArray().Select(c => c!.AsObject()))
            {
                var security = container["securityContext"]!;
                Assert.True(Text(security["readOnlyRootFilesystem"]) == "true", name);
                Assert.Equal("false", Text(security["allowPrivilegeEscalation"]));
                Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(Text));
                Assert.NotNull(container["readinessProbe"]);
                Assert.NotNull(container["livenessProbe"]);
                foreach (var kind in new[] { "requests", "limits" })
                {
                    Assert.True(container["resources"]?[kind]?["cpu"] is not null && container["resources"]![kind]!["memory"] is not null, name + " has no " + kind);
                }
                // Every volume a container can write to is an emptyDir; secrets are mounted read-only.
                foreach (var mount in container["volumeMounts"]!.AsArray())
                {
                    var volume = Volume(workload, Text(mount!["name"])!);
                    Assert.True(volume["emptyDir"] is not null || (volume["secret"] is not null && Text(mount["readOnly"]) == "true"), name + ": " + mount.ToJsonString());
                }
            }
        }
        // The data plane's cache folder is one of those emptyDirs.
        foreach (var region in Regions)
        {
            var set = manifests.Get("StatefulSet", "hgw-dp-" + region);
            var container = set["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!.AsObject();
            var cache = manifests.Env(container, "HGW_DataPlane__CacheDirectory")!;
            Assert.NotNull(Volume(set, MountedVolume(container, cache))["emptyDir"]);
        }
    }

    [Fact]
    public async Task EverySetting_NamesARealOption_EveryObjectIsInTheNamespace_AndEverySecretIsAMarkedPlaceholder()
    {
        var manifests = await RenderAsync();
        foreach (var workload in manifests.OfKind("Deployment").Concat(manifests.OfKind("StatefulSet")))
        {
            foreach (var container in workload["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!.AsObject()))
            {
                var problems = manifests.EnvNames(container).Where(n => n.StartsWith("HGW_", StringComparison.Ordinal)).Select(SettingKeys.Problem).OfType<string>();
                Assert.Empty(problems);
            }
        }
        Assert.All(manifests.Objects.Where(o => Text(o["kind"]) != "Namespace"), o => Assert.Equal("hybridgateway", Text(o["metadata"]!["namespace"])));
        Assert.Equal("hybridgateway", Text(manifests.OfKind("Namespace").Single()["metadata"]!["name"]));
        var secrets = manifests.OfKind("Secret").ToArray();
        Assert.Equal(["hgw-admin", "hgw-control-plane-tls", "hgw-dp-eu-west-tls", "hgw-dp-us-east-tls", "hgw-postgres"], secrets.Select(s => Text(s["metadata"]!["name"])).Order());
        foreach (var secret in secrets)
        {
            Assert.Equal("true", Text(secret["metadata"]!["annotations"]!["hybridgateway.io/placeholder"]));
            Assert.All(secret["stringData"]!.AsObject(), p => Assert.StartsWith("REPLACE-ME", Text(p.Value), StringComparison.Ordinal));
        }
    }

    private static string[] ContainerPorts(JsonObject container) =>
        container["ports"]!.AsArray().Select(p => Text(p!["name"]) + ":" + Text(p["containerPort"])).ToArray();

    private static string MountedVolume(JsonObject container, string path) =>
        Text(container["volumeMounts"]!.AsArray().Single(m => Text(m!["mountPath"]) == path)!["name"])!;

    private static JsonObject Volume(JsonObject workload, string name) =>
        workload["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().Single(v => Text(v!["name"]) == name)!.AsObject();
}
