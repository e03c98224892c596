using Yarp.ReverseProxy.Configuration;

// The reference the data plane is measured against: YARP as its documentation sets it up, one
// in-memory route to the origin, nothing else. Usage: MinimalYarp <listen host:port> <origin url>
var listen = args.Length > 0 ? args[0] : "127.0.0.1:8090";
var origin = args.Length > 1 ? args[1] : "http://127.0.0.1:8091";

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://" + listen);
builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "origin", Match = new RouteMatch { Path = "{**catch-all}" } }],
    [new ClusterConfig { ClusterId = "origin", Destinations = new Dictionary<string, DestinationConfig> { ["origin"] = new() { Address = origin } } }]);
var app = builder.Build();
app.MapReverseProxy();
app.Run();
