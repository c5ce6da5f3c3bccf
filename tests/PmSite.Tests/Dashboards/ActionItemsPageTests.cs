using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Dashboards;

/// <summary>
/// A knowledge base with nine known action items, built with <c>--now 2026-01-31</c>:
/// <code>
/// INC-2001 (SEV1, payment-api)        High: Add pool alert (done), Fix connection leak (in progress, 01-10: overdue),
///                                           Load test (to do, 02-28); Medium: Document runbook (to do, 01-15: overdue),
///                                           Old idea (dropped, 01-01: not overdue)
/// INC-2002 (SEV2, search, payment-api) High: Add DNS cache (done, 01-30); Low: Tune timeouts (blocked, no owner,
///                                           01-20: overdue), Review dashboards (no status, no deadline),
///                                           Rotate keys (to do, 01-31 = build date: not overdue)
/// INC-2003 (SEV3)                      none
/// </code>
/// Open = 9 − 2 done − 1 dropped = 6; overdue 3; completion 2 ÷ (9 − 1) = 25%; high priority 2 of 4 = 50%;
/// 9 items ÷ 3 post-mortems = 3 per post-mortem.
/// </summary>
public sealed class ActionItemsPageTests(ActionItemsPageTests.Site site) : IClassFixture<ActionItemsPageTests.Site>
{
    private string Output => site.Output;

    /// <summary>The knowledge base above, built once for all the tests of this class.</summary>
    public sealed class Site : IAsyncLifetime
    {
        private readonly TempFolder _temp = new();

        public string Output => _temp.Combine("site");

        public async Task InitializeAsync()
        {
            _temp.Write("kb/pmsite.yml", "title: Test Library\nbase_url: https://incidents.example.com/\ntracker_url: https://jira.example.com/browse/{ticket}\n");
            _temp.Write("kb/post-mortems/inc-2001.md", SiteFixture.PostMortem("INC-2001", "Payment pool exhausted", "2025-12-01", "SEV1",
                "services: [payment-api]", """

                ## Summary

                Payments failed.

                ## Action Items

                ### High Priority

                | Action | Owner | Deadline | Status | Ticket |
                |--------|-------|----------|--------|--------|
                | Add pool alert | @alice | 2025-12-15 | Done | PAY-1 |
                | Fix connection leak | @bob | 2026-01-10 | In Progress | PAY-2 |
                | Load test, "with quotes" and, commas | @alice | 2026-02-28 | To Do | PAY-3 |

                ### Medium Priority

                | Action | Owner | Deadline | Status | Ticket |
                |--------|-------|----------|--------|--------|
                | Document runbook | @carol | 2026-01-15 | To Do | |
                | Old idea | @bob | 2026-01-01 | Dropped | |
                """));
            _temp.Write("kb/post-mortems/inc-2002.md", SiteFixture.PostMortem("INC-2002", "Search timeouts", "2026-01-05", "SEV2",
                "services: [search, payment-api]", """

                ## Summary

                Search was slow.

                ## Action Items

                ### High Priority

                | Action | Owner | Deadline | Status | Ticket |
                |--------|-------|----------|--------|--------|
                | Add DNS cache | @bob | 2026-01-30 | Done | OPS-9 |

                ### Low Priority

                | Action | Owner | Deadline | Status | Ticket |
                |--------|-------|----------|--------|--------|
                | Tune timeouts | | 2026-01-20 | Blocked | |
                | Review dashboards | @carol | | | |
                | Rotate keys | @dave | 2026-01-31 | To Do | |
                """));
            _temp.Write("kb/post-mortems/inc-2003.md", SiteFixture.PostMortem("INC-2003", "Quiet one", "2025-06-01", "SEV3", "",
                "\n## Summary\n\nNothing to follow up.\n\n## Root Cause\n\nA typo in a config file.\n"));

            var result = await SiteFixture.BuildAsync(_temp.Combine("kb"), Output, new DateOnly(2026, 1, 31));
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        }

        public Task DisposeAsync()
        {
            _temp.Dispose();
            return Task.CompletedTask;
        }
    }

    private IDocument Page() => new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(Output, "action-items", "index.html")));

    private static string Figure(IDocument page, string id) => page.QuerySelector($"#figure-{id} .figure-value")!.TextContent.Trim();

    [Fact]
    public void The_page_shows_the_counts_and_rates_against_the_build_date()
    {
        var page = Page();

        Assert.Equal("6", Figure(page, "open"));
        Assert.Equal("1", Figure(page, "in-progress"));
        Assert.Equal("2", Figure(page, "done"));
        Assert.Equal("3", Figure(page, "overdue"));
        Assert.Equal("25%", Figure(page, "completion-rate"));
        Assert.Equal("50%", Figure(page, "high-priority-completion-rate"));
        Assert.Equal("3", Figure(page, "items-per-post-mortem"));
        Assert.Contains("figure-missed", page.QuerySelector("#figure-completion-rate")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("figure-missed", page.QuerySelector("#figure-high-priority-completion-rate")!.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_lists_every_item_overdue_first_then_open_by_deadline_then_closed()
    {
        var rows = Page().QuerySelectorAll("#action-items-table tbody tr").OfType<IHtmlTableRowElement>().ToList();

        Assert.Equal(
            ["Fix connection leak", "Document runbook", "Tune timeouts", "Rotate keys", "Load test, \"with quotes\" and, commas", "Review dashboards",
             "Add DNS cache", "Add pool alert", "Old idea"],
            rows.Select(r => r.Cells[0].TextContent.Trim()));
        Assert.Equal(["true", "true", "true", "false", "false", "false", "false", "false", "false"], rows.Select(r => r.GetAttribute("data-overdue")));
        Assert.Equal(3, rows.Count(r => r.QuerySelector(".overdue-badge") is not null));
    }

    [Fact]
    public void Each_row_links_its_incident_and_ticket_and_carries_the_filter_values()
    {
        var row = Page().QuerySelectorAll("#action-items-table tbody tr").OfType<IHtmlTableRowElement>().First(r => r.Cells[0].TextContent.Trim() == "Fix connection leak");

        Assert.Equal("/incidents/inc-2001/", row.Cells[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("@bob", row.Cells[2].TextContent.Trim());
        Assert.Equal("https://jira.example.com/browse/PAY-2", row.Cells[6].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("in_progress", row.GetAttribute("data-status"));
        Assert.Equal("high", row.GetAttribute("data-priority"));
        Assert.Equal("@bob", row.GetAttribute("data-owner"));
        Assert.Equal(["payment-api"], JsonSerializer.Deserialize<string[]>(row.GetAttribute("data-services")!)!);
        Assert.Equal("true", row.GetAttribute("data-open"));
    }

    [Fact]
    public void The_filters_are_an_enhancement_the_table_works_without()
    {
        var page = Page();

        Assert.True(page.QuerySelector("#action-filters")!.HasAttribute("hidden"));
        Assert.Empty(page.QuerySelectorAll("#action-items-table tr[hidden]"));
        Assert.EndsWith("/assets/action-items.js", page.QuerySelector("script[src$='action-items.js']")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Output, "assets", "action-items.js")));
    }

    [Fact]
    public void Summaries_by_owner_and_service_count_each_group()
    {
        var page = Page();
        string[] Row(string table, string name) => page.QuerySelectorAll($"#{table} tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent.Trim() == name)
            .QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();

        // Items, open, overdue, done, dropped, completion.
        Assert.Equal(["3", "1", "1", "1", "1", "50%"], Row("by-owner", "@bob"));
        Assert.Equal(["1", "1", "1", "0", "0", "0%"], Row("by-owner", "unassigned"));
        Assert.Equal(["9", "6", "3", "2", "1", "25%"], Row("by-service", "payment-api"));
        Assert.Equal(["4", "3", "1", "1", "0", "25%"], Row("by-service", "search"));
        Assert.Equal(["4", "2", "1", "2", "0", "50%"], Row("by-priority", "High"));
        Assert.Equal(["5", "3", "2", "1", "1", "25%"], Row("by-post-mortem", "INC-2001 Payment pool exhausted"));
    }

    [Fact]
    public void The_json_export_has_the_build_date_and_every_item_in_the_table_order()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "action-items.json")));
        var root = json.RootElement;
        var items = root.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal("2026-01-31", root.GetProperty("build_date").GetString());
        Assert.Equal(9, root.GetProperty("count").GetInt32());
        Assert.Equal(3, items.Count(i => i.GetProperty("overdue").GetBoolean()));
        Assert.Equal(6, items.Count(i => i.GetProperty("status").GetString() is not ("done" or "dropped")));
        var first = items[0];
        Assert.Equal(
            ["incident_id", "incident_title", "incident_url", "action", "owner", "deadline", "status", "priority", "ticket", "overdue", "ticket_url", "category", "services"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("INC-2001", first.GetProperty("incident_id").GetString());
        Assert.Equal("https://incidents.example.com/incidents/inc-2001/", first.GetProperty("incident_url").GetString());
        Assert.Equal("Fix connection leak", first.GetProperty("action").GetString());
        Assert.Equal("2026-01-10", first.GetProperty("deadline").GetString());
        Assert.Equal("in_progress", first.GetProperty("status").GetString());
        Assert.Equal("high", first.GetProperty("priority").GetString());
        Assert.Equal("https://jira.example.com/browse/PAY-2", first.GetProperty("ticket_url").GetString());
        var unowned = items.Single(i => i.GetProperty("action").GetString() == "Tune timeouts");
        Assert.Equal(JsonValueKind.Null, unowned.GetProperty("owner").ValueKind);
        Assert.Equal("blocked", unowned.GetProperty("status").GetString());
    }

    [Fact]
    public void The_csv_export_is_rfc_4180_with_the_same_rows()
    {
        var text = File.ReadAllText(Path.Combine(Output, "action-items.csv"));
        var rows = ParseCsv(text);

        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Equal("incident_id,incident_title,incident_url,action,owner,deadline,status,priority,ticket,overdue,ticket_url,category,services", text[..text.IndexOf('\r', StringComparison.Ordinal)]);
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.Equal(13, r.Count));
        Assert.Equal(3, rows.Skip(1).Count(r => r[9] == "true"));
        Assert.Contains("\"Load test, \"\"with quotes\"\" and, commas\"", text, StringComparison.Ordinal);
        var loadTest = rows.Single(r => r[3] == "Load test, \"with quotes\" and, commas");
        Assert.Equal(["INC-2001", "'@alice", "2026-02-28", "todo", "high", "PAY-3", "false"],
            new[] { loadTest[0], loadTest[4], loadTest[5], loadTest[6], loadTest[7], loadTest[8], loadTest[9] });
        Assert.Equal("search;payment-api", rows.Single(r => r[3] == "Rotate keys")[12]);
    }

    [Fact]
    public void The_home_page_links_the_dashboards_and_counts_the_same_open_and_overdue_items()
    {
        var home = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(Output, "index.html")));

        Assert.NotNull(home.QuerySelector("nav.site-nav a[href='/action-items/']"));
        Assert.NotNull(home.QuerySelector("nav.site-nav a[href='/metrics/']"));
        Assert.Equal("6", home.QuerySelector("a[href='/action-items/?status=open']")!.TextContent.Trim());
        Assert.Equal("3", home.QuerySelector("a[href='/action-items/?status=overdue']")!.TextContent.Trim());
    }

    /// <summary>A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.True(field.Length == 0, "a quote inside an unquoted field");
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                Assert.False(c is '\r' or '\n', "a bare line break outside quotes");
                field.Append(c);
            }
        }

        Assert.False(quoted, "an unterminated quoted field");
        return rows;
    }
}
