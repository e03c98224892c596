using HybridGateway.DataPlane.Hosting;

var app = DataPlaneApp.Build(args);
await DataPlaneApp.RunAsync(app);
