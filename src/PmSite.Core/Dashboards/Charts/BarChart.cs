using System.Globalization;

namespace PmSite.Dashboards.Charts;

/// <summary>A named series of a chart; <see cref="CssClass"/> gives its colour in the theme.</summary>
public sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<double> Values);

/// <summary>
/// A vertical bar chart, stacked when it has more than one series: one bar per category, its total written above it,
/// each segment with a tooltip. Category labels are thinned so they never overlap.
/// </summary>
public sealed record BarChart(string Id, string Title, string Description, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    private const double Width = 720;
    private const double Height = 280;
    private const double Left = 36;
    private const double Right = 8;
    private const double Top = 34;
    private const double Bottom = 30;

    /// <summary>The most category labels the x axis shows before it labels only every n-th.</summary>
    public const int MaxLabels = 12;

    public string ToSvg()
    {
        if (Series.Any(s => s.Values.Count != Categories.Count))
        {
            throw new ArgumentException("every series needs one value per category");
        }

        using var svg = new SvgWriter(Id, Width, Height, Title, Description, "chart bar-chart");
        var totals = Categories.Select((_, i) => Series.Sum(s => Math.Max(0, s.Values[i]))).ToList();
        var (max, step) = Scale.Count(totals.DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double Y(double value) => Top + plotHeight - (value / max * plotHeight);

        Legend(svg);
        svg.StartGroup("axis y-axis");
        for (var tick = 0.0; tick <= max + 1e-9; tick += step)
        {
            svg.Line(Left, Y(tick), Width - Right, Y(tick), tick == 0 ? "baseline" : "grid");
            svg.Text(Left - 6, Y(tick) + 4, tick.ToString("0.##", CultureInfo.InvariantCulture), "tick", "end");
        }

        svg.EndGroup();

        var slot = Categories.Count == 0 ? plotWidth : plotWidth / Categories.Count;
        var barWidth = Math.Max(2, Math.Min(48, slot * 0.7));
        var every = (int)Math.Ceiling(Categories.Count / (double)MaxLabels);
        svg.StartGroup("bars");
        for (var i = 0; i < Categories.Count; i++)
        {
            var x = Left + (slot * i) + ((slot - barWidth) / 2);
            var stacked = 0.0;
            foreach (var series in Series)
            {
                var value = Math.Max(0, series.Values[i]);
                if (value > 0)
                {
                    svg.Element("rect", $"{Categories[i]} · {series.Name}: {Format(value)}",
                        ("x", x), ("y", Y(stacked + value)), ("width", barWidth), ("height", Y(stacked) - Y(stacked + value)),
                        ("class", "series " + series.CssClass));
                    stacked += value;
                }
            }

            if (totals[i] > 0)
            {
                svg.Text(x + (barWidth / 2), Y(totals[i]) - 4, Format(totals[i]), "bar-total", "middle");
            }

            if (i % every == 0)
            {
                svg.Text(x + (barWidth / 2), Height - Bottom + 16, Categories[i], "tick category", "middle");
            }
        }

        svg.EndGroup();
        return svg.ToString();
    }

    private void Legend(SvgWriter svg)
    {
        if (Series.Count < 2)
        {
            return;
        }

        svg.StartGroup("legend", ("aria-hidden", "true"));
        var x = Left;
        foreach (var series in Series)
        {
            svg.Element("rect", null, ("x", x), ("y", 8), ("width", 12), ("height", 12), ("class", "series " + series.CssClass));
            svg.Text(x + 17, 18.5, series.Name, "legend-label");
            x += 17 + (series.Name.Length * 7.2) + 18;
        }

        svg.EndGroup();
    }

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Axis scales with round steps.</summary>
internal static class Scale
{
    /// <summary>A round top and step for counts: steps of 1, 2, 5, 10, 20, 50 … with at most five steps.</summary>
    public static (double Max, double Step) Count(double max)
    {
        if (max <= 0)
        {
            return (1, 1);
        }

        foreach (var magnitude in new[] { 1.0, 10, 100, 1000, 10000, 100000 })
        {
            foreach (var factor in new[] { 1, 2, 5 })
            {
                var step = magnitude * factor;
                if (Math.Ceiling(max / step) <= 5)
                {
                    return (Math.Ceiling(max / step) * step, step);
                }
            }
        }

        return (max, max);
    }

    private static readonly TimeSpan[] s_durationSteps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
        TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(30),
    ];

    /// <summary>A round top and step for durations (minutes, hours, days), with at most six steps.</summary>
    public static (TimeSpan Max, TimeSpan Step) Duration(TimeSpan max)
    {
        if (max <= TimeSpan.Zero)
        {
            return (TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        }

        foreach (var step in s_durationSteps)
        {
            var steps = Math.Ceiling(max / step);
            if (steps <= 6)
            {
                return (step * steps, step);
            }
        }

        var days = TimeSpan.FromDays(Math.Ceiling(max.TotalDays / 6 / 30) * 30);
        return (days * Math.Ceiling(max / days), days);
    }

    /// <summary>A short axis label: "30 min", "2 h", "1 d".</summary>
    public static string DurationLabel(TimeSpan span) =>
        span.TotalMinutes < 60 ? $"{span.TotalMinutes:0} min"
        : span.TotalHours < 24 ? $"{span.TotalHours:0.#} h"
        : $"{span.TotalDays:0.#} d";
}
