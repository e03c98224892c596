using System.Text.Encodings.Web;
using System.Text.Json;

namespace HybridGateway.Cli.Output;

/// <summary>How hgw writes JSON: readable characters (no \u0027 for a quote), indented for documents, compact for lines.</summary>
public static class JsonText
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
