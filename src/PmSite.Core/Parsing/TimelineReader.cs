using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using PmSite.Markdown;
using PmSite.Model;

namespace PmSite.Parsing;

/// <summary>Reads a timeline section, written as a table or as a list of "time — event" items.</summary>
internal static partial class TimelineReader
{
    /// <summary>Adds the section's entries to <paramref name="entries"/>, and where each table's rows went to <paramref name="tables"/>.</summary>
    public static void Read(Section section, List<TimelineEntry> entries, List<TableRows> tables)
    {
        var sectionZone = ZoneIn(section.Text);
        foreach (var block in BlockWalk.Descendants(section.Blocks))
        {
            switch (block)
            {
                case Table table:
                    var start = entries.Count;
                    entries.AddRange(FromTable(TableText.From(table, html: true), sectionZone));
                    tables.Add(new TableRows(table, start, entries.Count - start, sectionZone, ActionPriority.Unspecified));
                    break;
                case ListItemBlock item when item.FirstOrDefault() is ParagraphBlock paragraph:
                    if (FromListItem(PlainText.Of(paragraph.Inline), paragraph.Line + 1, sectionZone) is { } entry)
                    {
                        entries.Add(entry);
                    }

                    break;
            }
        }
    }

    internal static IEnumerable<TimelineEntry> FromTable(TableText table, string? sectionZone)
    {
        var time = table.Column("time", "date", "when");
        var evt = table.Column("event", "description", "what happened", "action", "details");
        var actor = table.Column("who", "actor", "owner", "by", "source");
        if (time < 0)
        {
            time = 0;
        }

        if (evt < 0)
        {
            evt = time == 0 ? 1 : 0;
        }

        var zone = time < table.Header.Count ? ZoneIn(table.Header[time]) ?? sectionZone : sectionZone;
        foreach (var (cells, line) in table.Rows)
        {
            var timeText = TableText.Cell(cells, time) ?? "";
            var eventText = TableText.Cell(cells, evt) ?? "";
            if (timeText.Length == 0 && eventText.Length == 0)
            {
                continue;
            }

            yield return Entry(timeText, eventText, actor == evt ? null : TableText.Cell(cells, actor), line, zone);
        }
    }

    private static TimelineEntry? FromListItem(string text, int line, string? zone)
    {
        var match = ListEntry().Match(text);
        return match.Success
            ? Entry(match.Groups["time"].Value.Trim(), match.Groups["event"].Value.Trim(), null, line, ZoneIn(match.Groups["time"].Value) ?? zone)
            : null;
    }

    private static TimelineEntry Entry(string time, string evt, string? actor, int line, string? zone)
    {
        var (day, timestamp) = ParseMoment(time);
        return new TimelineEntry(time, evt, actor, line) { Day = day, Timestamp = timestamp, TimeZone = zone };
    }

    /// <summary>Reads "2019-11-30 08:24", "2019-11-30T08:24Z", "2021-12-10" or "10:30" (no day).</summary>
    internal static (DateOnly? Day, DateTime? Timestamp) ParseMoment(string text)
    {
        // Every timeline row comes here: the first match is read from its span, without the regex's groups.
        foreach (var match in Moment().EnumerateMatches(text))
        {
            var moment = text.AsSpan(match.Index, match.Length);
            if (!DateOnly.TryParseExact(moment[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return (null, null);
            }

            // Past the date the match can only be the optional clock: separators, hour, ':', minute.
            var clock = moment[10..].TrimStart(" T");
            var colon = clock.IndexOf(':');
            if (colon > 0
                && int.TryParse(clock[..colon], CultureInfo.InvariantCulture, out var hour) && hour < 24
                && int.TryParse(clock[(colon + 1)..], CultureInfo.InvariantCulture, out var minute) && minute < 60)
            {
                return (day, day.ToDateTime(new TimeOnly(hour, minute)));
            }

            return (day, null);
        }

        return (null, null);
    }

    /// <summary>The time zone a header or sentence names ("Time (UTC)", "All times in CET").</summary>
    internal static string? ZoneIn(string text)
    {
        var match = Zone().Match(text);
        return match.Success ? match.Groups[1].Value.ToUpperInvariant() : null;
    }

    [GeneratedRegex(@"(?<!\d)\d{4}-\d{2}-\d{2}(?:[ T]+\d{1,2}:\d{2})?")]
    private static partial Regex Moment();

    [GeneratedRegex(@"^(?<time>(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?:\s*(?:UTC|GMT|Z|[A-Z]{2,4}T))?)\s*(?:[-–—:|]\s*)?(?<event>\S.*)$")]
    private static partial Regex ListEntry();

    [GeneratedRegex(@"\b(UTC|GMT|CET|CEST|EET|EEST|BST|IST|JST|AEST|PST|PDT|EST|EDT|CST|CDT|MST|MDT)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Zone();
}
