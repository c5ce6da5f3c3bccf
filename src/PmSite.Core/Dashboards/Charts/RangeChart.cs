using PmSite.Rendering;

namespace PmSite.Dashboards.Charts;

/// <summary>A row of a <see cref="RangeChart"/>: a label (a quarter) and the durations measured in it.</summary>
public sealed record RangeRow(string Label, Distribution? Distribution);

/// <summary>
/// A horizontal percentile chart of durations, one row per period: a thin line from the shortest to the longest,
/// a bar from the median to the 90th percentile, and a mark at the median. Rows without data say so.
/// </summary>
public sealed record RangeChart(string Id, string Title, string Description, IReadOnlyList<RangeRow> Rows)
{
    private const double Width = 720;
    private const double Left = 96;
    private const double Right = 64;
    private const double Top = 30;
    private const double RowHeight = 26;
    private const double Bottom = 26;

    public string ToSvg()
    {
        var height = Top + (Rows.Count * RowHeight) + Bottom;
        using var svg = new SvgWriter(Id, Width, height, Title, Description, "chart range-chart");
        var longest = Rows.Select(r => r.Distribution?.Max ?? TimeSpan.Zero).DefaultIfEmpty(TimeSpan.Zero).Max();
        var (max, step) = Scale.Duration(longest);
        var plotWidth = Width - Left - Right;
        double X(TimeSpan value) => Left + (value / max * plotWidth);
        var bottom = Top + (Rows.Count * RowHeight);

        svg.StartGroup("legend", ("aria-hidden", "true"));
        svg.Line(Left, 14, Left + 22, 14, "whisker");
        svg.Text(Left + 28, 18, "shortest – longest", "legend-label");
        svg.Element("rect", null, ("x", Left + 150), ("y", 8), ("width", 22), ("height", 12), ("class", "spread"));
        svg.Text(Left + 178, 18, "median – 90th percentile", "legend-label");
        svg.Element("circle", null, ("cx", Left + 350), ("cy", 14), ("r", 4.5), ("class", "median"));
        svg.Text(Left + 360, 18, "median", "legend-label");
        svg.EndGroup();

        svg.StartGroup("axis x-axis");
        for (var tick = TimeSpan.Zero; tick <= max; tick += step)
        {
            svg.Line(X(tick), Top, X(tick), bottom, tick == TimeSpan.Zero ? "baseline" : "grid");
            svg.Text(X(tick), bottom + 16, Scale.DurationLabel(tick), "tick", "middle");
        }

        svg.EndGroup();

        svg.StartGroup("rows");
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            var middle = Top + (i * RowHeight) + (RowHeight / 2);
            svg.Text(Left - 8, middle + 4, row.Label, "tick category", "end");
            if (row.Distribution is not { } d)
            {
                svg.Text(Left + 6, middle + 4, "no data", "no-data");
                continue;
            }

            var tooltip = $"{row.Label}: {d.Count} incident{(d.Count == 1 ? "" : "s")}, median {ViewFactory.Duration(d.Median)}, " +
                $"90th percentile {ViewFactory.Duration(d.P90)}, range {ViewFactory.Duration(d.Min)} – {ViewFactory.Duration(d.Max)}";
            svg.StartGroup("range");
            svg.Line(X(d.Min), middle, X(d.Max), middle, "whisker");
            if (d.P90 > d.Median)
            {
                svg.Element("rect", tooltip, ("x", X(d.Median)), ("y", middle - 7), ("width", X(d.P90) - X(d.Median)), ("height", 14), ("class", "spread"));
            }

            svg.Element("circle", tooltip, ("cx", X(d.Median)), ("cy", middle), ("r", 4.5), ("class", "median"));
            svg.Text(Width - Right + 6, middle + 4, $"n={d.Count}", "tick count");
            svg.EndGroup();
        }

        svg.EndGroup();
        return svg.ToString();
    }
}
