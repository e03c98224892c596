using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HybridGateway.Cli.Output;

/// <summary>Rows with headers: a Spectre table on a terminal, aligned plain columns otherwise.</summary>
public sealed class TableView(params string[] headers)
{
    private readonly List<Cell[]> _rows = [];

    public IReadOnlyList<string> Headers { get; } = headers;

    public int RowCount => _rows.Count;

    public void Add(params Cell[] row)
    {
        if (row.Length != Headers.Count)
        {
            throw new ArgumentException($"a row has {row.Length} cells, the table {Headers.Count} columns", nameof(row));
        }
        _rows.Add(row);
    }

    public Table ToSpectre()
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in Headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }
        foreach (var row in _rows)
        {
            table.AddRow(row.Select(c => (IRenderable)new Text(c.Text, c.Style is null ? Style.Plain : Style.Parse(c.Style))));
        }
        return table;
    }

    /// <summary>Columns padded with spaces, a header line first; no colour and no box characters.</summary>
    public string ToPlain()
    {
        var widths = Headers.Select(h => h.Length).ToArray();
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Text.Length);
            }
        }
        var text = new StringBuilder();
        AppendLine(text, Headers.Select(h => h.ToUpperInvariant()).ToArray(), widths);
        foreach (var row in _rows)
        {
            AppendLine(text, row.Select(c => c.Text).ToArray(), widths);
        }
        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }
        text.Append('\n');
    }
}
