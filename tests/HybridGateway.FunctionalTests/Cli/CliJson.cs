using System.Globalization;
using System.Text.Json.Nodes;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>Reading hgw's JSON: proto3 JSON writes int64 values as strings.</summary>
public static class CliJson
{
    public static long Long(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text)
        ? long.Parse(text, CultureInfo.InvariantCulture)
        : node?.GetValue<long>() ?? throw new InvalidOperationException("no number");

    public static int Changes(JsonNode? summary) =>
        summary!["create"]!.GetValue<int>() + summary["update"]!.GetValue<int>() + summary["delete"]!.GetValue<int>();
}
