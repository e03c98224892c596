using Google.Protobuf;

namespace HybridGateway.DataPlane.Pipeline.OpenTelemetry;

/// <summary>One finished span, as the plugin exports it.</summary>
public sealed record PluginSpan(
    byte[] TraceId,
    byte[] SpanId,
    byte[]? ParentSpanId,
    string? TraceState,
    string Name,
    long StartUnixNano,
    long EndUnixNano,
    IReadOnlyList<KeyValuePair<string, object?>> Attributes,
    bool Error);

/// <summary>
/// Writes spans in OTLP's protobuf wire format (opentelemetry-proto's published field numbers):
/// each span is encoded once, in the log phase, and a batch is wrapped into an
/// ExportTraceServiceRequest with the plugin's resource when it is sent.
/// </summary>
public static class OtlpSpanEncoder
{
    private const int ServerKind = 2;
    private const int ErrorStatus = 2;

    // Span { trace_id = 1; span_id = 2; trace_state = 3; parent_span_id = 4; name = 5; kind = 6;
    //        start_time_unix_nano = 7 (fixed64); end_time_unix_nano = 8 (fixed64); attributes = 9; status = 15 }
    public static byte[] Span(PluginSpan span)
    {
        ArgumentNullException.ThrowIfNull(span);
        using var buffer = new MemoryStream(256);
        var output = new CodedOutputStream(buffer);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(span.TraceId));
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(span.SpanId));
        if (span.TraceState is { Length: > 0 } state)
        {
            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteString(state);
        }
        if (span.ParentSpanId is { } parent)
        {
            output.WriteTag(4, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(parent));
        }
        output.WriteTag(5, WireFormat.WireType.LengthDelimited);
        output.WriteString(span.Name);
        output.WriteTag(6, WireFormat.WireType.Varint);
        output.WriteEnum(ServerKind);
        output.WriteTag(7, WireFormat.WireType.Fixed64);
        output.WriteFixed64((ulong)span.StartUnixNano);
        output.WriteTag(8, WireFormat.WireType.Fixed64);
        output.WriteFixed64((ulong)span.EndUnixNano);
        foreach (var attribute in span.Attributes)
        {
            if (attribute.Value is not null)
            {
                output.WriteTag(9, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(KeyValue(attribute.Key, attribute.Value));
            }
        }
        if (span.Error)
        {
            // Status { code = 3 }
            output.WriteTag(15, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(Message(o =>
            {
                o.WriteTag(3, WireFormat.WireType.Varint);
                o.WriteEnum(ErrorStatus);
            }));
        }
        output.Flush();
        return buffer.ToArray();
    }

    // ExportTraceServiceRequest { resource_spans = 1 }  ResourceSpans { resource = 1; scope_spans = 2 }
    // Resource { attributes = 1 }  ScopeSpans { scope = 1; spans = 2 }  InstrumentationScope { name = 1; version = 2 }
    public static byte[] Request(IReadOnlyList<KeyValuePair<string, string>> resource, string scopeName, string scopeVersion, IReadOnlyList<byte[]> spans)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(spans);
        var resourceSpans = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(Message(r =>
            {
                foreach (var (key, value) in resource)
                {
                    r.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    r.WriteBytes(KeyValue(key, value));
                }
            }));
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(Message(scope =>
            {
                scope.WriteTag(1, WireFormat.WireType.LengthDelimited);
                scope.WriteBytes(Message(s =>
                {
                    s.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    s.WriteString(scopeName);
                    s.WriteTag(2, WireFormat.WireType.LengthDelimited);
                    s.WriteString(scopeVersion);
                }));
                foreach (var span in spans)
                {
                    scope.WriteTag(2, WireFormat.WireType.LengthDelimited);
                    scope.WriteBytes(ByteString.CopyFrom(span));
                }
            }));
        });
        return Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(resourceSpans);
        }).ToByteArray();
    }

    // KeyValue { key = 1; value = 2 }  AnyValue { string_value = 1; bool_value = 2; int_value = 3; double_value = 4 }
    private static ByteString KeyValue(string key, object value) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteString(key);
        o.WriteTag(2, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(Message(v =>
        {
            switch (value)
            {
                case bool b:
                    v.WriteTag(2, WireFormat.WireType.Varint);
                    v.WriteBool(b);
                    break;
                case int or long:
                    v.WriteTag(3, WireFormat.WireType.Varint);
                    v.WriteInt64(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case double d:
                    v.WriteTag(4, WireFormat.WireType.Fixed64);
                    v.WriteDouble(d);
                    break;
                default:
                    v.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    v.WriteString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    break;
            }
        }));
    });

    private static ByteString Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
