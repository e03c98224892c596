using HybridGateway.Cli;

return await HgwApp.RunAsync(args);
