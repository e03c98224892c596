using HybridGateway.DataPlane.Hosting;
using HybridGateway.Hosting;

return await HostMain.RunAsync("data plane", async () =>
{
    var app = DataPlaneApp.Build(args);
    await DataPlaneApp.RunAsync(app);
});
