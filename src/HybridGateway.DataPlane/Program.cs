Console.WriteLine("HybridGateway data plane");
