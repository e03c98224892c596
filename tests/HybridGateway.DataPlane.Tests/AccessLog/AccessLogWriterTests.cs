using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.AccessLog;
using Microsoft.Extensions.Logging.Abstractions;

namespace HybridGateway.DataPlane.Tests.AccessLog;

public sealed class AccessLogWriterTests
{
    private static readonly Route Orders = new() { Id = Guid.NewGuid(), Name = "orders", Paths = ["/orders"] };
    private static readonly Service OrdersService = new() { Id = Guid.NewGuid(), Name = "orders-svc", Host = "10.0.0.9", Port = 8080 };
    private static readonly Consumer Alice = new() { Id = Guid.NewGuid(), Username = "alice" };

    [Fact]
    public void Format_ProxiedRequest_HasEveryFieldOperatorsSearchBy()
    {
        var line = Format(Entry(upstreamMs: 7.25));

        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        var json = JsonNode.Parse(line)!.AsObject();
        Assert.Equal(
            ["time", "client_ip", "method", "path", "status", "request_bytes", "response_bytes", "latencies_ms", "route", "service", "consumer", "upstream", "config_version", "request_id"],
            json.Select(p => p.Key));
        Assert.Equal("2026-11-27T10:00:00.123Z", json["time"]!.GetValue<string>());
        Assert.Equal("203.0.113.7", json["client_ip"]!.GetValue<string>());
        Assert.Equal("/orders/42", json["path"]!.GetValue<string>());
        Assert.Equal(201, json["status"]!.GetValue<int>());
        Assert.Equal(10.5, json["latencies_ms"]!["total"]!.GetValue<double>());
        Assert.Equal(7.25, json["latencies_ms"]!["upstream"]!.GetValue<double>());
        Assert.Equal(3.25, json["latencies_ms"]!["gateway"]!.GetValue<double>());
        Assert.Equal("orders", json["route"]!["name"]!.GetValue<string>());
        Assert.Equal("orders-svc", json["service"]!["name"]!.GetValue<string>());
        Assert.Equal("alice", json["consumer"]!["name"]!.GetValue<string>());
        Assert.Equal("http://10.0.0.9:8080", json["upstream"]!.GetValue<string>());
        Assert.Equal(17, json["config_version"]!.GetValue<long>());
        Assert.Equal("req-1", json["request_id"]!.GetValue<string>());
    }

    [Fact]
    public void Format_RequestAnsweredByTheGateway_HasNoUpstreamLatency_AndEscapesThePath()
    {
        var json = JsonNode.Parse(Format(Entry(upstreamMs: null) with { Path = "/a\"b\n", Route = null, Consumer = null }))!.AsObject();

        Assert.Null(json["latencies_ms"]!["upstream"]);
        Assert.Equal(10.5, json["latencies_ms"]!["gateway"]!.GetValue<double>());
        Assert.Equal("/a\"b\n", json["path"]!.GetValue<string>());
        Assert.Null(json["route"]);
    }

    [Fact]
    public async Task Write_QueueFull_DropsAndCounts_WithoutWaiting()
    {
        var sink = new BlockedStream();
        var writer = new AccessLogWriter("test", queueSize: 4, () => sink, NullLogger<AccessLogWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        writer.Write(Entry(1));
        await sink.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the writer holds one batch, blocked on the sink

        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            writer.Write(Entry(1));
        }
        var elapsed = started.Elapsed;

        Assert.Equal(96, writer.Dropped);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), "writing to a full queue waited " + elapsed);
        sink.Release.SetResult();
        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(5, writer.Written);
        Assert.Equal(5, Encoding.UTF8.GetString(sink.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Off_TakesNothing()
    {
        var writer = new AccessLogWriter(AccessLogWriter.Off, 4, null, NullLogger<AccessLogWriter>.Instance);

        writer.Write(Entry(1));

        Assert.False(writer.Enabled);
        Assert.Equal(0, writer.Dropped);
    }

    private static string Format(AccessLogEntry entry)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        AccessLogFormatter.Write(entry, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static AccessLogEntry Entry(double? upstreamMs) => new(
        new DateTime(2026, 11, 27, 10, 0, 0, 123, DateTimeKind.Utc),
        IPAddress.Parse("203.0.113.7"),
        "POST",
        "/orders/42",
        201,
        12,
        34,
        10.5,
        upstreamMs,
        Orders,
        OrdersService,
        Alice,
        "http://10.0.0.9:8080",
        17,
        "req-1");

    /// <summary>A sink whose first write blocks until released, as a stalled disk would.</summary>
    private sealed class BlockedStream : MemoryStream
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            await Release.Task;
            await base.WriteAsync(buffer, cancellationToken);
        }
    }
}
