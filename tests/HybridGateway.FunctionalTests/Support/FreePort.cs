using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>
/// A loopback port nobody listens on right now, below the kernel's ephemeral range when it can:
/// a port the kernel handed out for a listener of ours and took back can be given, a minute later,
/// to some test's outgoing connection as its source port, and the process meant to listen on it
/// then fails to bind. Ports are never handed out twice in one test run.
/// </summary>
public static class FreePort
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Given = [];
    private static readonly (int Low, int High) Range = RangeBelowEphemeral();

    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var port = Range.Low == 0 ? Bound(0) : Random.Shared.Next(Range.Low, Range.High);
                if (port > 0 && Given.Add(port) && (Range.Low == 0 || Bound(port) == port))
                {
                    return port;
                }
            }
            throw new InvalidOperationException("no free loopback port found");
        }
    }

    /// <summary>Listens on the port (0: any) for a moment; the port it got, or 0 if taken.</summary>
    private static int Bound(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    /// <summary>From 10000 up to the ephemeral range's first port; (0, 0) where that leaves too few.</summary>
    private static (int, int) RangeBelowEphemeral()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            var low = int.Parse(text.Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
            return low - 10000 >= 2000 ? (10000, low) : (0, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return (0, 0);
        }
    }
}
