using Markdig.Extensions.Tables;
using Markdig.Syntax;
using PmSite.Markdown;

namespace PmSite.Parsing;

/// <summary>A Markdown table flattened to text: one header row and body rows with their source lines.</summary>
internal sealed record TableText(IReadOnlyList<string> Header, IReadOnlyList<(IReadOnlyList<string> Cells, int Line)> Rows)
{
    // Readers look a table's columns up by several names each: the header is lower-cased once.
    private string[]? _lowerHeader;

    /// <summary>The table's text; with <paramref name="html"/>, inline HTML in cells is kept as text (see <see cref="PlainText.CollapsedOf"/>).</summary>
    public static TableText From(Table table, bool html = false)
    {
        IReadOnlyList<string> header = [];
        var rows = new List<(IReadOnlyList<string>, int)>();
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = new List<string>(row.Count);
            foreach (var block in row)
            {
                if (block is TableCell cell)
                {
                    cells.Add(PlainText.CollapsedOf(cell, html));
                }
            }

            if (row.IsHeader && header.Count == 0)
            {
                header = cells;
            }
            else if (cells.Any(c => c.Length > 0))
            {
                rows.Add((cells, row.Line + 1));
            }
        }

        return new TableText(header, rows);
    }

    /// <summary>
    /// Index of the first header cell that contains one of the words, or -1.
    /// Headers are matched loosely ("Time (UTC)", "Date and Time in CET", "Who/What").
    /// </summary>
    public int Column(params string[] words)
    {
        _lowerHeader ??= Header.Select(h => h.ToLowerInvariant()).ToArray();
        for (var i = 0; i < _lowerHeader.Length; i++)
        {
            foreach (var word in words)
            {
                if (_lowerHeader[i].Contains(word, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    public static string? Cell(IReadOnlyList<string> cells, int column) =>
        column >= 0 && column < cells.Count && cells[column].Length > 0 ? cells[column] : null;
}

/// <summary>Walks a section's blocks, including those nested in lists and quotes.</summary>
internal static class BlockWalk
{
    public static IEnumerable<Block> Descendants(IEnumerable<Block> blocks)
    {
        foreach (var block in blocks)
        {
            yield return block;
            if (block is ContainerBlock container and not Table)
            {
                foreach (var child in Descendants(container))
                {
                    yield return child;
                }
            }
        }
    }
}
