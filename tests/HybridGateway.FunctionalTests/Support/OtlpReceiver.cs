using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>
/// An OTLP receiver on free loopback ports, over both of OTLP's transports: HTTP/protobuf
/// (<c>POST /v1/traces</c>, <c>/v1/metrics</c> on <see cref="Endpoint"/>) and gRPC (the collector
/// services' <c>Export</c> methods on <see cref="GrpcEndpoint"/>, an HTTP/2-only listener). It decodes
/// the payloads from the wire format itself (OTLP's published field numbers), so the test depends on
/// no collector and on none of the exporter's own code.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private const string TraceExport = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    private const string MetricsExport = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Uri endpoint, Uri grpcEndpoint)
    {
        _app = app;
        Endpoint = endpoint;
        GrpcEndpoint = grpcEndpoint;
    }

    /// <summary>OTLP/HTTP (protobuf).</summary>
    public Uri Endpoint { get; }

    /// <summary>OTLP/gRPC (h2c).</summary>
    public Uri GrpcEndpoint { get; }

    public ConcurrentBag<ReceivedSpan> Spans { get; } = [];

    public ConcurrentBag<ReceivedMetric> Metrics { get; } = [];

    public ConcurrentBag<IReadOnlyDictionary<string, string>> Resources { get; } = [];

    /// <summary>The request headers of every export, with the transport it came by ("http" or "grpc").</summary>
    public ConcurrentBag<(string Transport, IReadOnlyDictionary<string, string> Headers)> Exports { get; } = [];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var grpcPort = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        });
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, new Uri("http://127.0.0.1:" + port), new Uri("http://127.0.0.1:" + grpcPort));
        app.MapPost("/v1/traces", async (HttpContext http) =>
        {
            receiver.DecodeTraces(await receiver.ReadAsync(http, "http"));
            http.Response.ContentType = "application/x-protobuf";
        });
        app.MapPost("/v1/metrics", async (HttpContext http) =>
        {
            receiver.DecodeMetrics(await receiver.ReadAsync(http, "http"));
            http.Response.ContentType = "application/x-protobuf";
        });
        app.MapPost(TraceExport, async (HttpContext http) => await GrpcAsync(http, receiver.DecodeTraces, receiver));
        app.MapPost(MetricsExport, async (HttpContext http) => await GrpcAsync(http, receiver.DecodeMetrics, receiver));
        await app.StartAsync();
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<byte[]> ReadAsync(HttpContext http, string transport)
    {
        Exports.Add((transport, http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString())));
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        return body.ToArray();
    }

    /// <summary>A unary gRPC call: one length-prefixed message in, an empty message and grpc-status 0 out.</summary>
    private static async Task GrpcAsync(HttpContext http, Action<byte[]> decode, OtlpReceiver receiver)
    {
        var framed = await receiver.ReadAsync(http, "grpc");
        if (framed.Length < 5 || framed[0] != 0)
        {
            http.Response.StatusCode = 400; // compressed or truncated: not what the exporter sends by default
            return;
        }
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(1, 4));
        decode(framed.AsSpan(5, length).ToArray());
        http.Response.ContentType = "application/grpc";
        await http.Response.Body.WriteAsync(new byte[5]);
        http.Response.AppendTrailer("grpc-status", "0");
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }  Resource { repeated KeyValue attributes = 1; }
    // ScopeSpans { repeated Span spans = 2; }
    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; int32 kind = 6; repeated KeyValue attributes = 9;
    //        repeated Link links = 13; Status status = 15; }  Link { bytes trace_id = 1; bytes span_id = 2; }
    // KeyValue { string key = 1; AnyValue value = 2; }  AnyValue { string = 1; bool = 2; int64 = 3; double = 4; }  Status { string message = 2; int32 code = 3; }
    private void DecodeTraces(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            var resource = Attributes(Fields(resourceSpans, 1).FirstOrDefault() ?? [], 1);
            Resources.Add(resource);
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                foreach (var span in Fields(scopeSpans, 2))
                {
                    var status = Fields(span, 15).FirstOrDefault();
                    Spans.Add(new ReceivedSpan(
                        Convert.ToHexStringLower(Fields(span, 1).FirstOrDefault() ?? []),
                        Convert.ToHexStringLower(Fields(span, 2).FirstOrDefault() ?? []),
                        Convert.ToHexStringLower(Fields(span, 4).FirstOrDefault() ?? []),
                        System.Text.Encoding.UTF8.GetString(Fields(span, 5).FirstOrDefault() ?? []),
                        Attributes(span, 9),
                        status is null ? 0 : (int)Varint(status, 3))
                    {
                        Service = resource.GetValueOrDefault("service.name"),
                        Kind = (int)Varint(span, 6),
                        LinkedSpanIds = [.. Fields(span, 13).Select(link => Convert.ToHexStringLower(Fields(link, 2).FirstOrDefault() ?? []))],
                    });
                }
            }
        }
    }

    // ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
    // ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }  ScopeMetrics { repeated Metric metrics = 2; }
    // Metric { string name = 1; Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; }  Gauge, Sum, Histogram { repeated data_points = 1; }
    // NumberDataPoint { double as_double = 4; sfixed64 as_int = 6; repeated KeyValue attributes = 7; }
    // HistogramDataPoint { fixed64 count = 4; double sum = 5; repeated KeyValue attributes = 9; }
    private void DecodeMetrics(byte[] request)
    {
        foreach (var resourceMetrics in Fields(request, 1))
        {
            var resource = Attributes(Fields(resourceMetrics, 1).FirstOrDefault() ?? [], 1);
            Resources.Add(resource);
            foreach (var scopeMetrics in Fields(resourceMetrics, 2))
            {
                foreach (var metric in Fields(scopeMetrics, 2))
                {
                    var name = System.Text.Encoding.UTF8.GetString(Fields(metric, 1).FirstOrDefault() ?? []);
                    var service = resource.GetValueOrDefault("service.name");
                    foreach (var numbers in Fields(metric, 5).Concat(Fields(metric, 7)))
                    {
                        foreach (var point in Fields(numbers, 1))
                        {
                            var value = Fixed64(point, 4) is { } d ? BitConverter.Int64BitsToDouble(d) : Fixed64(point, 6) ?? 0;
                            Metrics.Add(new ReceivedMetric(service, name, Attributes(point, 7), value, 0));
                        }
                    }
                    foreach (var histogram in Fields(metric, 9))
                    {
                        foreach (var point in Fields(histogram, 1))
                        {
                            var sum = Fixed64(point, 5) is { } bits ? BitConverter.Int64BitsToDouble(bits) : 0;
                            Metrics.Add(new ReceivedMetric(service, name, Attributes(point, 9), sum, Fixed64(point, 4) ?? 0));
                        }
                    }
                }
            }
        }
    }

    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in Fields(message, field))
        {
            var key = System.Text.Encoding.UTF8.GetString(Fields(keyValue, 1).FirstOrDefault() ?? []);
            var value = Fields(keyValue, 2).FirstOrDefault() ?? [];
            attributes[key] = Fields(value, 1).FirstOrDefault() is { } text
                ? System.Text.Encoding.UTF8.GetString(text)
                : Varint(value, 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return attributes;
    }

    /// <summary>The length-delimited values of one field number.</summary>
    private static List<byte[]> Fields(byte[] message, int number)
    {
        var values = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                values.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }
        return values;
    }

    private static long Varint(byte[] message, int number)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                return input.ReadInt64();
            }
            input.SkipLastField();
        }
        return 0;
    }

    /// <summary>A 64-bit fixed field's bits, or null when absent.</summary>
    private static long? Fixed64(byte[] message, int number)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Fixed64)
            {
                return input.ReadSFixed64();
            }
            input.SkipLastField();
        }
        return null;
    }
}

/// <summary>A span as the receiver decoded it; status 0 unset, 1 ok, 2 error; kind 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</summary>
public sealed record ReceivedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes, int Status)
{
    public string? Service { get; init; }

    public int Kind { get; init; }

    public IReadOnlyList<string> LinkedSpanIds { get; init; } = [];
}

/// <summary>One data point: a counter's or gauge's value, or a histogram's sum and count.</summary>
public sealed record ReceivedMetric(string? Service, string Name, IReadOnlyDictionary<string, string> Attributes, double Value, long Count);
