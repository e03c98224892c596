using System.Globalization;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>
/// Figures the tests measure (write-to-ACK times, requests served through an outage), appended to
/// .data/test-results/report.txt, which ./gateway.sh test prints before its summary line.
/// </summary>
public static class TestReport
{
    private static readonly Lock Gate = new();

    public static void Append(string line)
    {
        var directory = Path.Combine(RepoPaths.Root, ".data", "test-results");
        lock (Gate)
        {
            Directory.CreateDirectory(directory);
            File.AppendAllText(Path.Combine(directory, "report.txt"),
                DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "  " + line + Environment.NewLine);
        }
    }
}
