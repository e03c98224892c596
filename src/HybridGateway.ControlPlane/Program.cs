using HybridGateway.ControlPlane.Hosting;
using HybridGateway.Hosting;

return await HostMain.RunAsync("control plane", async () =>
{
    var app = ControlPlaneApp.Build(args);
    await ControlPlaneApp.RunAsync(app);
});
