using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using HybridGateway.Cli.Output;
using HybridGateway.Contracts.Admin.V1;

namespace HybridGateway.Cli.Commands;

/// <summary>How changes (of a dry run, a diff or a history entry) are shown.</summary>
public static class Changes
{
    public static int Total(ChangeCounts? counts) => counts is null ? 0 : counts.Create + counts.Update + counts.Delete;

    public static string Summary(ChangeCounts? counts) =>
        counts is null ? "-" : $"+{counts.Create} ~{counts.Update} -{counts.Delete}";

    /// <summary>An RFC 3339 time to the second, in UTC, for tables and lines.</summary>
    public static string Time(string at) =>
        DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time)
            ? time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)
            : at;

    public static string? StyleOf(string op) => op switch
    {
        "create" => "green",
        "update" => "yellow",
        "delete" => "red",
        _ => null,
    };

    /// <summary>Changes as the server sends them in dry runs and diffs: op, kind, id, name (or label).</summary>
    public static TableView Table(RepeatedField<Struct> changes)
    {
        var table = new TableView("op", "kind", "name", "id");
        foreach (var change in changes)
        {
            var op = Field(change, "op");
            var name = Field(change, "name");
            table.Add(new Cell(op, StyleOf(op)), Field(change, "kind"), name.Length > 0 ? name : Field(change, "label"), Field(change, "id"));
        }
        return table;
    }

    public static string Field(Struct entity, string name) =>
        entity.Fields.TryGetValue(name, out var value) ? value.KindCase switch
        {
            Value.KindOneofCase.StringValue => value.StringValue,
            Value.KindOneofCase.NumberValue => value.NumberValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Value.KindOneofCase.BoolValue => value.BoolValue ? "true" : "false",
            _ => "",
        } : "";
}
