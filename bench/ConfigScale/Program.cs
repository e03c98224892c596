using System.Diagnostics;
using System.Globalization;
using HybridGateway.Bench.ConfigScale;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Validation;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.DataPlane.Health;
using HybridGateway.DataPlane.LoadBalancing;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Routing;
using HybridGateway.DataPlane.Runtime;
using HybridGateway.DataPlane.Sync;
using HybridGateway.Plugins;
using HybridGateway.Sync;
using Microsoft.AspNetCore.Http;

// Config-scale figures for the data plane, measured in process with the data plane's own code:
// applying a full snapshot, applying a one-route delta, and matching a route, at two sizes each.
// Usage: ConfigScale [services] [consumers]
var services = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var consumers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;

Console.WriteLine("## Config scale (data plane, in process)");
Console.WriteLine();
Console.WriteLine("| config | snapshot apply (parse, validate, hash, compile) | memory after full GC | 1-route delta: median | p99 | max |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
foreach (var (s, c) in new[] { (10, 0), (services, consumers) })
{
    Measure(s, c);
}
Console.WriteLine();
MeasureMatching();

static void Measure(int services, int consumers)
{
    // The baseline is taken before the snapshot exists: what stays after it is dropped is the node's config.
    var baseline = GC.GetTotalMemory(forceFullCollection: true);
    var snapshot = ScaleConfig.Snapshot(ScaleConfig.Entities(services, consumers), 1);

    using var clients = new UpstreamClients();
    var holder = new RuntimeHolder(TimeProvider.System);
    var applier = new ConfigApplier(EntityValidation.Create(PluginCatalog.Default), new RuntimeCompiler(clients, new PluginChainCompiler(PluginRuntimes.Default), new TargetStates(), NodeLocality.None, HealthEvents.Silent), holder, PluginRuntimes.Default);
    var clock = Stopwatch.StartNew();
    var outcome = applier.ApplySnapshot(snapshot, "bench");
    var snapshotTime = clock.Elapsed;
    if (outcome.Applied is null)
    {
        throw new InvalidOperationException("snapshot refused: " + outcome.Rejection);
    }
    snapshot = null;
    var memory = GC.GetTotalMemory(forceFullCollection: true) - baseline;

    // One route changes per version, as an operator editing one route would cause.
    var route = holder.Current!.State.All<Route>().OrderBy(r => r.Name, StringComparer.Ordinal).First();
    var timings = new List<double>();
    for (var i = 0; i < 60; i++)
    {
        var current = holder.Current!;
        var changed = route with { Paths = ["/changed-" + i], UpdatedAt = 2 + i };
        var expected = current.State.Apply([EntityChange.Upsert(changed)], current.Version + 1, EntityValidation.Trusted).State!;
        var delta = new Delta { Nonce = "d" + i, FromVersion = (ulong)current.Version, ToVersion = (ulong)expected.Version, ToHash = expected.Hash.ToString(), ChunkCount = 1 };
        delta.Upserts.Add(ResourceCodec.ToResource(EntityKinds.Routes, changed));
        clock.Restart();
        var result = applier.ApplyDelta(delta, delta.Upserts, delta.Removals);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (result.Applied is null)
        {
            throw new InvalidOperationException("delta refused: " + result.Rejection + result.ResyncReason);
        }
        if (i >= 10)
        {
            timings.Add(elapsed); // the first applies warm the JIT
        }
    }
    timings.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {services:N0} services + routes, {consumers:N0} consumers + keys | {snapshotTime.TotalMilliseconds:N0} ms | {memory / 1048576.0:N1} MiB | {timings[timings.Count / 2]:N2} ms | {timings[(int)(timings.Count * 0.99)]:N2} ms | {timings[^1]:N2} ms |"));
}

static void MeasureMatching()
{
    Console.WriteLine("## Route matching");
    Console.WriteLine();
    Console.WriteLine("| routes | request | ns per match | bytes allocated per match |");
    Console.WriteLine("| --- | --- | --- | --- |");
    foreach (var count in new[] { 10, 10_000 })
    {
        var routes = Enumerable.Range(0, count).Select(i => new Route { Id = Guid.NewGuid(), Name = "r" + i, Paths = ["/route-" + i], CreatedAt = 1 }).ToArray();
        var table = RouteTable.Build(routes);
        var path = "/route-" + (count / 2) + "/orders/42";
        var request = new RouteRequest("GET", "api.example.com", 80, path, new HeaderDictionary());
        const int iterations = 2_000_000;
        for (var i = 0; i < 200_000; i++)
        {
            _ = table.Match(request);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            if (table.Match(request) is null)
            {
                throw new InvalidOperationException("no match");
            }
        }
        var nanoseconds = clock.Elapsed.TotalNanoseconds / iterations;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)iterations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {count:N0} | GET {path} | {nanoseconds:N0} | {bytes:N1} |"));
    }
}
