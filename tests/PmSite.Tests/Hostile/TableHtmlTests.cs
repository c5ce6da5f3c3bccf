using AngleSharp.Html.Parser;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>Inline HTML in timeline and action-item table cells is shown as text, as raw HTML in the body is, never dropped or run.</summary>
public sealed class TableHtmlTests
{
    private const string Body = """

        ## Summary

        The queue stalled.

        ## Timeline

        | Time (UTC) | Event | Who/What |
        |------------|-------|----------|
        | 2025-11-10 10:30 | Alert for <queue-depth> fired <b>twice</b> | Monitoring |
        | 2025-11-10 10:40 | Restarted <img src=x onerror=alert(1)> the worker | @alice |

        ## Action Items

        | Action | Owner | Deadline | Status | Ticket |
        |--------|-------|----------|--------|--------|
        | Alert on <queue-depth> | @sre-team | 2025-11-20 | Done | OPS-1 |
        | Add a <script>alert(2)</script> check | @alice | 2025-12-01 | To Do | OPS-2 |

        """;

    [Fact]
    public async Task Inline_html_in_timeline_and_action_item_cells_is_shown_as_text()
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1", body: Body));
        var output = temp.Combine("site");

        var result = await SiteFixture.BuildAsync(temp.Combine("input"), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(output, "incidents", "inc-1", "index.html")));
        var events = page.QuerySelectorAll(".timeline-event").Select(e => e.TextContent).ToList();
        Assert.Equal(["Alert for <queue-depth> fired <b>twice</b>", "Restarted <img src=x onerror=alert(1)> the worker"], events);
        var text = page.Body!.TextContent;
        Assert.Contains("Alert on <queue-depth>", text, StringComparison.Ordinal);
        Assert.Contains("Add a <script>alert(2)</script> check", text, StringComparison.Ordinal);
        // Shown, not run: no element came from a cell.
        Assert.Empty(page.QuerySelectorAll("main img, main script, .timeline b"));
    }
}
