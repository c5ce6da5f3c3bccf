using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PmSite.Markdown;
using PmSite.Model;

namespace PmSite.Parsing;

/// <summary>
/// Reads action items from tables (Action | Owner | Deadline | Status | Ticket) and from lists:
/// bold-led bullets ("**Add alerting**: why"), task lists ("[ ] …") and plain bullets.
/// Priority comes from a "High/Medium/Low priority" sub-heading or a priority column.
/// </summary>
internal static partial class ActionItemReader
{
    /// <summary>Adds the section's items to <paramref name="items"/>, and where each table's rows went to <paramref name="tables"/>.</summary>
    public static void Read(Section section, List<ActionItem> items, List<TableRows> tables)
    {
        string? category = null;
        var priority = ActionPriority.Unspecified;
        foreach (var block in section.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    category = PlainText.Of(heading.Inline);
                    priority = PriorityIn(category);
                    break;
                case Table table:
                    var start = items.Count;
                    items.AddRange(FromTable(TableText.From(table, html: true), category, priority));
                    tables.Add(new TableRows(table, start, items.Count - start, category, priority));
                    break;
                case ListBlock list:
                    items.AddRange(FromList(list, category, priority));
                    break;
            }
        }
    }

    internal static IEnumerable<ActionItem> FromTable(TableText table, string? category, ActionPriority priority)
    {
        var action = table.Column("action", "item", "task", "description", "what", "remediation");
        var owner = table.Column("owner", "assignee", "who", "responsible");
        var deadline = table.Column("deadline", "due", "date", "target");
        var status = table.Column("status", "state", "done");
        var ticket = table.Column("ticket", "jira", "issue", "link", "tracking");
        var priorityColumn = table.Column("priority", "prio");
        if (action < 0)
        {
            action = 0;
        }

        foreach (var (cells, line) in table.Rows)
        {
            var text = TableText.Cell(cells, action);
            if (text is null)
            {
                continue;
            }

            var statusText = TableText.Cell(cells, status);
            var deadlineText = TableText.Cell(cells, deadline);
            var rowPriority = PriorityIn(TableText.Cell(cells, priorityColumn) ?? "");
            yield return new ActionItem(StripMarker(text), line)
            {
                Owner = TableText.Cell(cells, owner),
                Deadline = ParseDate(deadlineText),
                DeadlineText = deadlineText,
                Status = ParseStatus(statusText),
                StatusText = statusText,
                Ticket = TableText.Cell(cells, ticket),
                Priority = rowPriority == ActionPriority.Unspecified ? priority : rowPriority,
                Category = category,
            };
        }
    }

    private static IEnumerable<ActionItem> FromList(ListBlock list, string? category, ActionPriority priority)
    {
        foreach (var item in list.OfType<ListItemBlock>())
        {
            if (item.FirstOrDefault() is not ParagraphBlock paragraph || paragraph.Inline is null)
            {
                continue;
            }

            var (title, detail) = SplitBoldLead(paragraph.Inline);
            if (title.Length == 0)
            {
                continue;
            }

            var task = paragraph.Inline.Descendants<TaskList>().FirstOrDefault();
            var full = detail is null ? title : $"{title} {detail}";
            var owner = OwnerIn(full);
            var dueMatch = Due().Match(full);
            var dueText = dueMatch.Success ? dueMatch.Groups[1].Value : null;
            var statusMatch = StatusNote().Match(full);
            var statusText = statusMatch.Success ? statusMatch.Groups[1].Value : null;
            var status = task is null ? ParseStatus(statusText) : task.Checked ? ActionStatus.Done : ActionStatus.Open;
            yield return new ActionItem(StripMarker(Annotations().Replace(title, "").Trim()), paragraph.Line + 1)
            {
                Detail = detail is null ? null : Annotations().Replace(detail, "").Trim(),
                Owner = owner,
                Deadline = ParseDate(dueText),
                DeadlineText = dueText,
                Status = status,
                StatusText = task is null ? statusText : task.Checked ? "Done" : "To Do",
                Ticket = TicketIn(full),
                Priority = priority,
                Category = category,
            };
        }
    }

    /// <summary>Splits "**Title**: detail" into its parts; a plain item is all title.</summary>
    private static (string Title, string? Detail) SplitBoldLead(ContainerInline inline)
    {
        var full = PlainText.Of(inline).Trim();
        var first = inline.FirstChild;
        while (first is TaskList or LiteralInline { Content.IsEmpty: true })
        {
            first = first.NextSibling;
        }

        if (first is not EmphasisInline { DelimiterCount: 2 } bold)
        {
            return (full, null);
        }

        var lead = PlainText.Of(bold.FirstChild).Trim();
        var at = full.IndexOf(lead, StringComparison.Ordinal);
        var detail = at < 0 ? "" : full[(at + lead.Length)..].TrimStart(':', '-', '–', '—', ' ').Trim();
        return (lead.TrimEnd(':').Trim(), detail.Length > 0 ? detail : null);
    }

    internal static ActionStatus ParseStatus(string? text)
    {
        var s = (text ?? "").Trim().ToLowerInvariant().Replace('-', ' ').Replace('_', ' ');
        s = StatusDecoration().Replace(s, "").Trim();
        return s switch
        {
            "" => ActionStatus.Unspecified,
            "done" or "complete" or "completed" or "closed" or "resolved" or "fixed" or "finished" or "shipped" or "yes" => ActionStatus.Done,
            "in progress" or "inprogress" or "doing" or "started" or "wip" or "ongoing" or "in review" => ActionStatus.InProgress,
            "to do" or "todo" or "open" or "not started" or "planned" or "new" or "backlog" or "pending" or "no" => ActionStatus.Open,
            "blocked" or "on hold" => ActionStatus.Blocked,
            "won't do" or "wont do" or "dropped" or "cancelled" or "canceled" or "won't fix" or "wontfix" or "rejected" => ActionStatus.Dropped,
            _ => ActionStatus.Unspecified,
        };
    }

    internal static ActionPriority PriorityIn(string text)
    {
        var t = text.ToLowerInvariant();
        if (HighWord().IsMatch(t))
        {
            return ActionPriority.High;
        }

        if (MediumWord().IsMatch(t))
        {
            return ActionPriority.Medium;
        }

        return LowWord().IsMatch(t) ? ActionPriority.Low : ActionPriority.Unspecified;
    }

    private static DateOnly? ParseDate(string? text) =>
        text is not null && IsoDate().Match(text) is { Success: true } m
        && DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static string? OwnerIn(string text)
    {
        var explicitOwner = OwnerNote().Match(text);
        if (explicitOwner.Success)
        {
            return explicitOwner.Groups[1].Value.Trim();
        }

        var handle = Handle().Match(text);
        return handle.Success ? handle.Value : null;
    }

    private static string? TicketIn(string text)
    {
        var match = Ticket().Match(text);
        return match.Success ? match.Value : null;
    }

    /// <summary>Drops the "GOOD:" marker some copies of the guide's table carry.</summary>
    private static string StripMarker(string text) => GoodMarker().Replace(text, "").Trim();

    [GeneratedRegex(@"\b(high|p0|p1|critical|urgent)\b")]
    private static partial Regex HighWord();

    [GeneratedRegex(@"\b(medium|p2|normal)\b")]
    private static partial Regex MediumWord();

    [GeneratedRegex(@"\b(low|lower|p3|p4|long[- ]term)\b")]
    private static partial Regex LowWord();

    [GeneratedRegex(@"^[✅✔☑️⬜🔲🟡🟢🔴\s]+|[✅✔☑️⬜🔲🟡🟢🔴]")]
    private static partial Regex StatusDecoration();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?:due|deadline|by)\s*:?\s*(\d{4}-\d{2}-\d{2})", RegexOptions.IgnoreCase)]
    private static partial Regex Due();

    [GeneratedRegex(@"\bstatus\s*:\s*([A-Za-z' ]+?)(?=[,;)\]]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex StatusNote();

    [GeneratedRegex(@"\bowner\s*:\s*(@?[\w.\-]+(?: [A-Z][a-z]+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex OwnerNote();

    [GeneratedRegex(@"(?<![\w@])@[A-Za-z][\w.\-]*[\w]")]
    private static partial Regex Handle();

    // Letters-only prefixes, and not INC: "PM2019-009" and "INC-1003" are incident ids, not tickets.
    [GeneratedRegex(@"\b(?!INC-)[A-Z]{2,10}-\d{1,6}\b")]
    private static partial Regex Ticket();

    [GeneratedRegex(@"\s*\((?:[^()]*\b(?:owner|due|deadline|status)\s*:[^()]*)\)")]
    private static partial Regex Annotations();

    [GeneratedRegex(@"^(GOOD|BAD):\s*")]
    private static partial Regex GoodMarker();
}
