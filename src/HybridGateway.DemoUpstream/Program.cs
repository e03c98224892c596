using HybridGateway.DemoUpstream;

var listen = Environment.GetEnvironmentVariable("HGW_DEMO_LISTEN") ?? "127.0.0.1:9080";
var name = Environment.GetEnvironmentVariable("HGW_DEMO_NAME") ?? "demo-upstream";
try
{
    await EchoServer.Build(name, listen, args).RunAsync();
    return 0;
}
catch (IOException e)
{
    // A port already taken: one line, exit code 1, not an abort.
    await Console.Error.WriteLineAsync("error: the demo upstream stopped: " + e.Message);
    return 1;
}
