using System.Text.RegularExpressions;
using Markdig.Extensions.Tables;
using PmSite.Model;
using PmSite.Parsing;

namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// Times without a time zone: a timeline whose times name no zone (not in the time column's header, not in the
/// section, not in the times themselves), and <c>detected</c> / <c>resolved</c> timestamps without one.
/// The guide: use UTC timestamps.
/// </summary>
public sealed partial class TimestampZoneRule : ILintRule
{
    public string Name => "timestamp-zone";

    public string Description => "Timeline times or detected/resolved timestamps with no time zone.";

    public string Hint => "name the time zone, e.g. \"Time (UTC)\" in the timeline's header or 2025-11-10T10:30:00Z in front matter";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        var sections = document.PostMortem.Sections;
        for (var s = 0; s < sections.Count; s++)
        {
            if (sections[s].Kind != SectionKind.Timeline)
            {
                continue;
            }

            // The parser read the section's entries into the timeline already: those between its heading and the next.
            var (start, end) = (sections[s].Line, s + 1 < sections.Count ? sections[s + 1].Line : int.MaxValue);
            var entries = document.PostMortem.Timeline.Where(e => e.Line >= start && e.Line < end).ToList();
            var tableLines = new List<(int First, int Last)>();
            foreach (var table in BlockWalk.Descendants(sections[s].Blocks).OfType<Table>())
            {
                var first = table.Line + 1;
                var last = table.LastChild is { } row ? row.Line + 1 : first;
                tableLines.Add((first, last));
                if (entries.Any(e => e.Line >= first && e.Line <= last && Unzoned(e)))
                {
                    var text = TableText.From(table);
                    var timeColumn = text.Column("time", "date", "when");
                    var header = timeColumn >= 0 ? text.Header[timeColumn] : null;
                    yield return document.Finding(this, first, document.ColumnOf(first, header),
                        "the timeline's times have no time zone",
                        "name the zone in the time column's header, e.g. \"Time (UTC)\", or write \"All times UTC\" above the table");
                }
            }

            var listed = entries.FirstOrDefault(e => Unzoned(e) && !tableLines.Any(t => e.Line >= t.First && e.Line <= t.Last));
            if (listed is not null)
            {
                yield return document.Finding(this, listed.Line, document.ColumnOf(listed.Line, listed.Time),
                    "the timeline's times have no time zone",
                    "write the zone with the times (\"10:30 UTC\") or state \"All times UTC\" at the top of the section");
            }
        }

        foreach (var field in new[] { "detected", "resolved" })
        {
            if (!document.PostMortem.FieldLines.TryGetValue(field, out var line) || line < 1 || line > document.LineCount)
            {
                continue;
            }

            var raw = document.Line(line).ToString();
            var value = FieldValue().Match(raw);
            if (value.Success && ClockTime().IsMatch(value.Groups[1].Value) && !ZoneSuffix().IsMatch(value.Groups[1].Value))
            {
                yield return document.Finding(this, line, value.Groups[1].Index + 1,
                    $"'{field}' has no time zone, so it is read as UTC",
                    "write it with a zone, e.g. 2025-11-10T10:30:00Z");
            }
        }
    }

    private static bool Unzoned(TimelineEntry entry) =>
        entry.TimeZone is null && ClockTime().IsMatch(entry.Time) && TimelineReader.ZoneIn(entry.Time) is null && !ZoneSuffix().IsMatch(entry.Time);

    [GeneratedRegex(@"\b\d{1,2}:\d{2}")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"(?:\d{2}(?::\d{2})?(?:\.\d+)?Z|[+\-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneSuffix();

    // "detected: '2025-11-10T10:30:00'" in front matter or "**Detected**: 2025-11-10 10:30" in a template header.
    [GeneratedRegex(@"^\s*(?:[-*]\s*)?(?:\*\*)?[A-Za-z ]+(?:\*\*)?\s*:\s*(?:\*\*\s*)?:?\s*[""']?([^""'#]*?)[""']?\s*(?:#.*)?$")]
    private static partial Regex FieldValue();
}
