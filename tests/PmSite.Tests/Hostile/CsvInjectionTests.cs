using System.Text.Json;
using PmSite.Dashboards;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>
/// A cell of <c>action-items.csv</c> that a spreadsheet would run as a formula (OWASP's CSV injection: a leading <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) is written after a <c>'</c>, which makes it text; the JSON export
/// keeps every value as written. No cell is a number, so a leading <c>-</c> is never a negative number to keep.
/// </summary>
public sealed class CsvInjectionTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@alice", "'@alice")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("plain", "plain")]
    [InlineData("2025-11-20", "2025-11-20")]
    [InlineData("", "")]
    public void A_cell_a_spreadsheet_would_run_is_written_as_text(string value, string cell) =>
        Assert.Equal(cell, ActionItemExport.CsvCell(value));

    [Fact]
    public async Task Action_items_written_as_formulas_are_text_in_the_csv_and_as_written_in_the_json()
    {
        using var temp = new TempFolder();
        var body = """

            ## Summary

            A formula in every cell.

            ## Action Items

            | Action | Owner | Deadline | Status | Ticket |
            |--------|-------|----------|--------|--------|
            | =HYPERLINK("http://evil.example","x") | @alice | 2025-12-01 | To Do | +OPS-9 |
            | -2+3+cmd | @bob | 2025-12-01 | To Do | OPS-10 |
            """;
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", title: "\"@SUM(A1:A9)\"", body: body));
        var output = temp.Combine("site");

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), output);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));

        var csv = File.ReadAllText(Path.Combine(output, "action-items.csv"));
        var cells = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .SelectMany(row => row.Split(',')).Select(c => c.TrimStart('"')).ToList();
        Assert.DoesNotContain(cells, c => c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal));
        Assert.Contains("'@alice", cells);
        Assert.Contains("'@SUM(A1:A9)", cells);
        Assert.Contains("'+OPS-9", cells);
        Assert.Contains(cells, c => c.StartsWith("'=HYPERLINK(", StringComparison.Ordinal));

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "action-items.json")));
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("owner").GetString() == "@alice");
        Assert.Contains(items, i => i.GetProperty("ticket").GetString() == "+OPS-9");
        Assert.Contains(items, i => i.GetProperty("incident_title").GetString() == "@SUM(A1:A9)");
    }
}
