using HybridGateway.ControlPlane.Hosting;

var app = ControlPlaneApp.Build(args);
await ControlPlaneApp.RunAsync(app);
