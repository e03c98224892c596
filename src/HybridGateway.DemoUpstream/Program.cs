using HybridGateway.DemoUpstream;

var listen = Environment.GetEnvironmentVariable("HGW_DEMO_LISTEN") ?? "127.0.0.1:9080";
var name = Environment.GetEnvironmentVariable("HGW_DEMO_NAME") ?? "demo-upstream";
await EchoServer.Build(name, listen, args).RunAsync();
