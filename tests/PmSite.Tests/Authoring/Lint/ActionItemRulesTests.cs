using PmSite.Authoring.Lint.Rules;

namespace PmSite.Tests.Authoring.Lint;

public sealed class ActionItemOwnerRuleTests
{
    [Theory]
    [InlineData("| Add pool alert | @sre-team | 2025-12-01 | To Do |", false)]
    [InlineData("| Add pool alert |  | 2025-12-01 | To Do |", true)]
    [InlineData("| Add pool alert |  | 2025-12-01 | Done |", false)]
    [InlineData("| Add pool alert |  | 2025-12-01 | Won't do |", false)]
    [InlineData("| Add pool alert |  | 2025-12-01 |  |", true)]
    public void An_open_action_item_needs_an_owner(string row, bool flagged)
    {
        var findings = LintKit.Run(new ActionItemOwnerRule(), ActionItems.With(row));

        Assert.Equal(flagged, findings.Count == 1);
        if (flagged)
        {
            Assert.Equal(ActionItems.RowLine, findings[0].Line);
            Assert.Equal(3, findings[0].Column);
        }
    }

    [Theory]
    [InlineData("- Add a pool alert (owner: @sre-team, due: 2025-12-01)", false)]
    [InlineData("- Add a pool alert @sre-team by 2025-12-01", false)]
    [InlineData("- Add a pool alert (due: 2025-12-01)", true)]
    public void List_items_name_their_owner_inline(string item, bool flagged)
    {
        Assert.Equal(flagged, LintKit.Run(new ActionItemOwnerRule(), ActionItems.AsList(item)).Count == 1);
    }
}

public sealed class ActionItemDeadlineRuleTests
{
    [Theory]
    [InlineData("| Add pool alert | @sre-team | 2025-12-01 | To Do |", null)]
    [InlineData("| Add pool alert | @sre-team |  | To Do |", "has no deadline")]
    [InlineData("| Add pool alert | @sre-team | soon | To Do |", "\"soon\" is not a date")]
    [InlineData("| Add pool alert | @sre-team | Q3 | In Progress |", "\"Q3\" is not a date")]
    [InlineData("| Add pool alert | @sre-team |  | Done |", null)]
    public void An_open_action_item_needs_a_date_as_deadline(string row, string? message)
    {
        var findings = LintKit.Run(new ActionItemDeadlineRule(), ActionItems.With(row));

        if (message is null)
        {
            Assert.Empty(findings);
        }
        else
        {
            Assert.Contains(message, Assert.Single(findings).Message, StringComparison.Ordinal);
        }
    }
}

public sealed class VagueActionItemRuleTests
{
    [Theory]
    [InlineData("Improve testing", true)]
    [InlineData("Improve monitoring and alerting", true)]
    [InlineData("Improve test coverage", true)]
    [InlineData("Be more careful with deploys", true)]
    [InlineData("Investigate the issue", true)]
    [InlineData("Add more tests", true)]
    [InlineData("Better alerting", true)]
    [InlineData("Communicate better", true)]
    [InlineData("Add monitoring", true)]
    [InlineData("Review the process", true)]
    [InlineData("Add a connection leak test to the integration suite", false)]
    [InlineData("Implement soak testing environment running 24/7 with production-like load", false)]
    [InlineData("Add pool saturation alert", false)]
    [InlineData("Improve the checkout retry budget to 3 attempts with jitter", false)]
    [InlineData("Review every Magpie key created with the default scope", false)]
    [InlineData("Create runbook for database connection pool exhaustion", false)]
    [InlineData("Make environment scope a required field for new keys", false)]
    public void An_action_item_needs_a_concrete_object(string action, bool vague)
    {
        var findings = LintKit.Run(new VagueActionItemRule(), ActionItems.With($"| {action} | @sre-team | 2025-12-01 | To Do |"));

        Assert.Equal(vague, findings.Count == 1);
    }
}

public sealed class ActionItemCountRuleTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void Between_one_and_ten_action_items(int count, bool flagged)
    {
        var rows = string.Join("\n", Enumerable.Range(1, count).Select(i => $"| Add alert number {i} for the pool | @sre-team | 2025-12-01 | To Do |"));

        var findings = LintKit.Run(new ActionItemCountRule(), ActionItems.With(rows));

        Assert.Equal(flagged, findings.Count == 1);
        if (flagged)
        {
            Assert.Equal("## Action Items", ActionItems.With(rows).Split('\n')[findings[0].Line - 1]);
        }
    }
}

/// <summary>Post-mortems whose action items are the rows or list items under test.</summary>
internal static class ActionItems
{
    private const string Table = """
        | Action | Owner | Deadline | Status | Ticket |
        |--------|-------|----------|--------|--------|
        | Add a connection leak test to the integration suite | @alice.chen | 2025-12-01 | To Do | PAY-1 |
        """;

    private const string Row = "| Add a connection leak test to the integration suite | @alice.chen | 2025-12-01 | To Do | PAY-1 |";

    public static string With(string rows) =>
        LintKit.PostMortem(LintKit.DefaultBody.Replace(Row, rows)).Replace(LintKit.Marker, "Nothing else.");

    public static string AsList(string item) =>
        LintKit.PostMortem(LintKit.DefaultBody.Replace(Table, item)).Replace(LintKit.Marker, "Nothing else.");

    public static int RowLine { get; } = With("@@ROW@@").Split('\n').ToList().FindIndex(l => l.Contains("@@ROW@@")) + 1;
}
