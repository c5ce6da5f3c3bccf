using System.Globalization;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using PmSite.Diagnostics;
using PmSite.Markdown;
using PmSite.Model;

namespace PmSite.Parsing;

/// <summary>
/// Turns one post-mortem file into a <see cref="PostMortem"/>, whichever of the three input shapes it uses.
/// Every problem goes to the diagnostics with the file and line; a file with errors yields null.
/// </summary>
public static partial class PostMortemParser
{
    private static readonly HashSet<string> s_knownFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "title", "date", "severity", "status", "published", "authors", "reviewers", "services", "tags",
        "summary", "detected", "resolved", "related", "near_miss", "visibility",
    };

    /// <summary>Parses <paramref name="text"/>, the content of <paramref name="file"/> (a path relative to the input folder).</summary>
    public static PostMortem? Parse(string file, string text, SiteSettings settings, DiagnosticBag diagnostics)
    {
        // Files are parsed in parallel: this file's errors are counted in a bag of its own.
        var local = new DiagnosticBag();
        var postMortem = Parse(file, text, settings, local, out var failed);
        diagnostics.AddRange(local);
        return failed ? null : postMortem;
    }

    private static PostMortem? Parse(string file, string text, SiteSettings settings, DiagnosticBag diagnostics, out bool failed)
    {
        failed = true;
        text = text.Replace("\r\n", "\n").Replace('\r', '\n').TrimStart('\uFEFF');
        var metadata = MetadataBlock.Read(file, text, diagnostics);
        if (metadata is null)
        {
            return null;
        }

        var body = new MarkdownBody(metadata.Body);
        var headingTitle = body.TitleHeading;
        var sections = SectionSplitter.Split(body.Tree);
        var tables = new List<TableRows>();
        var timeline = new List<TimelineEntry>();
        foreach (var section in sections.Where(s => s.Kind == SectionKind.Timeline))
        {
            TimelineReader.Read(section, timeline, tables);
        }

        var fields = new FieldReader(file, metadata.Fields, diagnostics);

        string? id;
        string? title;
        DateOnly? date;
        int? yearOnly = null;
        string? severity = null;
        string? status = null;
        if (metadata.Source == MetadataSource.Inferred)
        {
            var inferred = FileNameInference.From(file);
            id = inferred.Id;
            title = headingTitle ?? inferred.Title;
            date = inferred.Date ?? DateFromText(sections, timeline);
            if (date is null)
            {
                yearOnly = inferred.Year;
                diagnostics.Warning(file, 0, "inferred-date", inferred.Year is { } y
                    ? $"no incident date in the file name or text; only the year {y} is known"
                    : "no incident date in the file name or text");
            }

            diagnostics.Warning(file, 0, "unspecified", "no metadata: severity and status are not stated and are shown as \"unspecified\"");
        }
        else
        {
            foreach (var key in metadata.Fields.Keys.Where(k => !s_knownFields.Contains(k)).Order(StringComparer.Ordinal))
            {
                diagnostics.Warning(file, metadata.Fields[key].Line, "unknown-field", $"unknown field '{key}' is ignored");
            }

            id = fields.Required("id");
            title = fields.Optional("title") ?? metadata.HeaderTitle ?? headingTitle;
            if (title is null)
            {
                diagnostics.Error(file, 1, "missing-field", "required field 'title' is missing");
            }

            date = fields.Date("date", required: true);
            severity = fields.Severity(settings);
            status = fields.Status();
        }

        if (id is not null && !FieldValues.IsValidId(id))
        {
            diagnostics.Error(file, fields.LineOf("id"), "invalid-id",
                $"id '{Truncate(id)}' may only hold letters, digits, '.', '_' and '-' (it becomes part of the page's URL)");
        }

        var summarySection = sections.FirstOrDefault(s => s.Kind == SectionKind.Summary);
        var stats = StatsReader.Read(sections.FirstOrDefault(s => s.Kind == SectionKind.Stats));
        var tags = fields.List("tags").Select(FacetName.Of).Concat(stats.Category is { } c ? [FacetName.Of(c)] : []).Where(t => t.Length > 0).Distinct().ToList();
        var actions = new List<ActionItem>();
        foreach (var section in sections.Where(s => s.Kind == SectionKind.ActionItems))
        {
            ActionItemReader.Read(section, actions, tables);
        }

        var detected = fields.Timestamp("detected");
        var resolved = fields.Timestamp("resolved");
        if (detected is { } d && resolved is { } r && r < d)
        {
            diagnostics.Warning(file, fields.LineOf("resolved"), "invalid-times", "'resolved' is earlier than 'detected'");
        }

        var published = fields.Date("published", required: false);
        var nearMiss = fields.Bool("near_miss");
        var visibility = fields.Visibility();
        var summary = fields.Optional("summary");
        if (diagnostics.HasErrors || id is null || title is null)
        {
            return null;
        }

        var postMortem = new PostMortem
        {
            Id = id,
            Title = title,
            Date = date,
            YearOnly = yearOnly,
            Severity = severity,
            Status = status,
            Published = published,
            Authors = fields.List("authors"),
            Reviewers = fields.List("reviewers"),
            Services = fields.List("services").Select(FacetName.Of).Where(s => s.Length > 0).Distinct().ToList(),
            Tags = tags,
            Summary = summary ?? FirstParagraph(summarySection) ?? FirstParagraph(sections.Count > 0 ? sections[0] : null),
            Detected = detected,
            Resolved = resolved,
            StatedTimeToDetect = stats.TimeToDetect,
            StatedTimeToResolve = stats.TimeToResolve,
            Related = fields.List("related").Where(x => !string.Equals(x, id, StringComparison.OrdinalIgnoreCase)).Distinct().ToList(),
            NearMiss = nearMiss,
            Visibility = visibility,
            Source = metadata.Source,
            SourcePath = file,
            FieldLines = metadata.Fields.Values.ToDictionary(f => f.Key, f => f.Line, StringComparer.OrdinalIgnoreCase),
            Sections = sections,
            Timeline = timeline,
            ActionItems = actions,
            MentionedIds = IncidentMentions.In(sections.SelectMany(s => (string[])[s.Heading, s.Text]), id),
            Body = body,
            Links = body.Tree.Descendants<Markdig.Syntax.Inlines.LinkInline>().Select(l => (l.Url, l.Line)).ToList(),
        };
        body.Detach(StructuredTable.Detachable(body.Tree, sections, body.Markdown, tables));
        failed = false;
        return postMortem;
    }

    private static string? FirstParagraph(Section? section)
    {
        var paragraph = section?.Blocks.OfType<ParagraphBlock>().FirstOrDefault();
        if (paragraph is null)
        {
            return null;
        }

        var text = PlainText.Of(paragraph.Inline);
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// A file with no metadata: the earliest full date in its timeline, else the first date written in
    /// its summary ("29 November 2019", "2019-11-29"). Never a guess beyond what the text says.
    /// </summary>
    private static DateOnly? DateFromText(IReadOnlyList<Section> sections, IReadOnlyList<TimelineEntry> timeline)
    {
        var fromTimeline = timeline
            .Select(e => e.Day)
            .Where(d => d is not null)
            .Min();
        if (fromTimeline is not null)
        {
            return fromTimeline;
        }

        var summary = sections.FirstOrDefault(s => s.Kind == SectionKind.Summary)?.Text ?? "";
        var iso = IsoDate().Match(summary);
        if (iso.Success && DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var isoDate))
        {
            return isoDate;
        }

        var written = WrittenDate().Match(summary);
        if (written.Success && DateOnly.TryParseExact(
                $"{written.Groups["day"].Value} {written.Groups["month"].Value} {written.Groups["year"].Value}",
                ["d MMMM yyyy", "d MMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var writtenDate))
        {
            return writtenDate;
        }

        return null;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(?<year>(19|20)\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex WrittenDate();
}
