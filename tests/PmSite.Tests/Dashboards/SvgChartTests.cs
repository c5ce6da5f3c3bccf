using System.Xml.Linq;
using PmSite.Dashboards;
using PmSite.Dashboards.Charts;

namespace PmSite.Tests.Dashboards;

public sealed class SvgChartTests
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    private static BarChart Stacked(string title = "Incidents per quarter") => new(
        "chart-q", title, "Seven incidents over three quarters.", ["2025 Q1", "2025 Q2", "2025 Q3"],
        [new ChartSeries("SEV1", "sev-rank-0", [1, 0, 2]), new ChartSeries("SEV2", "sev-rank-1", [0, 3, 1])]);

    [Fact]
    public void A_bar_chart_is_well_formed_accessible_svg()
    {
        var svg = XElement.Parse(Stacked().ToSvg());

        Assert.Equal(s_svg + "svg", svg.Name);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("chart-q-title chart-q-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Incidents per quarter", svg.Element(s_svg + "title")?.Value);
        Assert.Equal("chart-q-title", (string?)svg.Element(s_svg + "title")?.Attribute("id"));
        Assert.Equal("Seven incidents over three quarters.", svg.Element(s_svg + "desc")?.Value);
        Assert.Equal("currentColor", (string?)svg.Attribute("fill"));
    }

    [Fact]
    public void Each_non_zero_segment_is_a_rect_with_its_value_as_tooltip_and_totals_are_written_above_the_bars()
    {
        var svg = XElement.Parse(Stacked().ToSvg());
        var bars = svg.Descendants(s_svg + "g").Single(g => (string?)g.Attribute("class") == "bars");
        var tooltips = bars.Descendants(s_svg + "rect").Select(r => r.Element(s_svg + "title")?.Value).ToList();

        Assert.Equal(["2025 Q1 · SEV1: 1", "2025 Q2 · SEV2: 3", "2025 Q3 · SEV1: 2", "2025 Q3 · SEV2: 1"], tooltips);
        var totals = bars.Elements(s_svg + "text").Where(t => (string?)t.Attribute("class") == "bar-total").Select(t => t.Value);
        Assert.Equal(["1", "3", "3"], totals);
    }

    [Fact]
    public void Segment_heights_are_proportional_to_their_values()
    {
        var svg = XElement.Parse(Stacked().ToSvg());
        var heights = svg.Descendants(s_svg + "rect")
            .Where(r => r.Element(s_svg + "title") is not null)
            .ToDictionary(r => r.Element(s_svg + "title")!.Value, r => double.Parse((string)r.Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(heights["2025 Q1 · SEV1: 1"] * 3, heights["2025 Q2 · SEV2: 3"], 2);
        Assert.Equal(heights["2025 Q3 · SEV1: 2"], heights["2025 Q3 · SEV2: 1"] * 2, 2);
    }

    [Fact]
    public void Text_is_escaped_and_the_output_is_the_same_bytes_every_time()
    {
        var chart = Stacked("Incidents <script>alert(1)</script> & more");

        var first = chart.ToSvg();

        Assert.DoesNotContain("<script>", first, StringComparison.Ordinal);
        Assert.Equal("Incidents <script>alert(1)</script> & more", XElement.Parse(first).Element(s_svg + "title")?.Value);
        Assert.Equal(first, chart.ToSvg());
    }

    [Fact]
    public void Many_categories_get_thinned_labels()
    {
        var months = Enumerable.Range(1, 24).Select(i => $"M{i}").ToList();
        var chart = new BarChart("m", "t", "d", months, [new ChartSeries("All", "all", months.Select(_ => 1.0).ToList())]);

        var labels = XElement.Parse(chart.ToSvg()).Descendants(s_svg + "text").Where(t => ((string?)t.Attribute("class"))?.Contains("category", StringComparison.Ordinal) == true).ToList();

        Assert.Equal(12, labels.Count);
        Assert.Equal("M1", labels[0].Value);
        Assert.Equal("M3", labels[1].Value);
    }

    [Fact]
    public void A_series_of_the_wrong_length_is_refused() =>
        Assert.Throws<ArgumentException>(() => new BarChart("x", "t", "d", ["a", "b"], [new ChartSeries("s", "c", [1])]).ToSvg());

    [Fact]
    public void A_range_chart_shows_median_p90_and_range_per_row_and_says_when_a_row_has_no_data()
    {
        var quarter = Distribution.Of(new[] { 10, 20, 30, 40, 50 }.Select(m => TimeSpan.FromMinutes(m)));
        var chart = new RangeChart("ttr", "Time to resolve", "Per quarter.", [new RangeRow("2025 Q4", quarter), new RangeRow("2026 Q1", null)]);

        var svg = XElement.Parse(chart.ToSvg());

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("Time to resolve", svg.Element(s_svg + "title")?.Value);
        Assert.Equal("Per quarter.", svg.Element(s_svg + "desc")?.Value);
        var tooltip = svg.Descendants(s_svg + "circle").Select(c => c.Element(s_svg + "title")?.Value).Single(t => t is not null);
        Assert.Equal("2025 Q4: 5 incidents, median 30 min, 90th percentile 50 min, range 10 min – 50 min", tooltip);
        Assert.Contains(svg.Descendants(s_svg + "text"), t => t.Value == "no data");
        Assert.Contains(svg.Descendants(s_svg + "text"), t => t.Value == "n=5");
    }

    [Fact]
    public void A_range_chart_places_the_median_at_its_value_on_the_axis()
    {
        // 0 … 1 h axis (steps of 10 min): a median of 30 min sits in the middle of the plot area.
        var d = Distribution.Of(new[] { 30, 60 }.Select(m => TimeSpan.FromMinutes(m)));
        var svg = XElement.Parse(new RangeChart("r", "t", "d", [new RangeRow("q", d)]).ToSvg());
        var ticks = svg.Descendants(s_svg + "text").Where(t => (string?)t.Attribute("class") == "tick").Select(t => t.Value).ToList();
        var cx = double.Parse((string)svg.Descendants(s_svg + "circle").Last().Attribute("cx")!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(["0 min", "10 min", "20 min", "30 min", "40 min", "50 min", "1 h"], ticks);
        Assert.Equal(96 + ((720 - 96 - 64) / 2.0), cx, 2);
    }
}
