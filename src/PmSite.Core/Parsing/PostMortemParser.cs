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
        // What other tools call them.
        "author", "categories", "keywords", "description", "draft",
    };

    // What Jekyll, Hugo, MkDocs, Docusaurus and GitHub's issue templates write for themselves: nothing to report.
    private static readonly HashSet<string> s_otherToolsFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "layout", "permalink", "slug", "weight", "sidebar_position", "sidebar_label", "sidebar", "displayed_sidebar",
        "nav_order", "parent", "grand_parent", "has_children", "toc", "toc_label", "toc_sticky", "hide", "hide_title",
        "hide_table_of_contents", "aliases", "lastmod", "last_modified_at", "last_update", "url", "type", "name", "about",
        "labels", "assignees", "image", "images", "cover", "featured", "comments", "menu", "linktitle", "redirect_from",
        "search", "excerpt", "excerpt_separator", "pagination_label", "pagination_prev", "pagination_next",
        "custom_edit_url", "showtoc", "tocopen", "series", "math", "mermaid", "lang", "language", "locale", "template",
        "expirydate", "publishdate", "header", "classes", "og_image", "canonical_url", "keywords_extra", "nav_exclude",
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
        if (string.IsNullOrWhiteSpace(text))
        {
            // Nothing to show: an empty file is a mistake to fix, not a post-mortem with every field unspecified.
            diagnostics.Error(file, 1, "empty-file", "the file is empty");
            return null;
        }

        var metadata = MetadataBlock.Read(file, text, diagnostics);
        if (metadata is null)
        {
            return null;
        }

        if (MarkdownBody.Read(file, metadata.Body, diagnostics) is not { } body)
        {
            return null;
        }

        var sections = SectionSplitter.Split(body.Tree);
        var tables = new List<TableRows>();
        var timeline = new List<TimelineEntry>();
        foreach (var section in sections.Where(s => s.Kind == SectionKind.Timeline))
        {
            TimelineReader.Read(section, timeline, tables);
        }

        var raw = WithMetadataSections(metadata.Fields, sections);
        var fields = new FieldReader(file, raw, diagnostics);
        if (metadata.Source == MetadataSource.FrontMatter)
        {
            foreach (var key in metadata.Fields.Keys.Where(k => !s_knownFields.Contains(k) && !s_otherToolsFields.Contains(k)).Order(StringComparer.Ordinal))
            {
                diagnostics.Warning(file, metadata.Fields[key].Line, "unknown-field", $"unknown field '{key}' is ignored");
            }
        }

        // Whatever the file states wins; what it leaves out is inferred from its name, its folder and its text.
        var inferred = FileNameInference.From(file);
        var id = fields.Optional("id");
        if (id is null)
        {
            id = inferred.Id;
        }
        else if (FieldValues.IdProblem(id) is { } problem)
        {
            diagnostics.Error(file, fields.LineOf("id"), "invalid-id", $"id '{Truncate(id)}' {problem} (it becomes part of the page's URL)");
        }

        var title = TitleText.Clean(fields.Optional("title")) ?? metadata.HeaderTitle ?? body.TitleHeading ?? inferred.Title
            ?? sections.Select(s => TitleText.Clean(s.Heading)).FirstOrDefault(t => t is not null);
        if (title is null)
        {
            diagnostics.Error(file, 1, "no-title", "no title: no 'title' field, no heading that names the incident, and the file name gives none");
        }

        int? yearOnly = null;
        var date = DateOf(file, fields, inferred, sections, timeline, diagnostics);
        if (date is null)
        {
            yearOnly = inferred.Year;
        }

        var severity = fields.Severity(settings);
        var status = fields.Status(settings) ?? (JekyllDraft(fields) ? "Draft" : null);
        var missing = new List<string>();
        if (date is null)
        {
            missing.Add(inferred.Year is { } y ? $"date (only the year {y} is known)" : "date");
        }

        if (severity is null)
        {
            missing.Add("severity");
        }

        if (status is null)
        {
            missing.Add("status");
        }

        if (missing.Count > 0)
        {
            diagnostics.Warning(file, 0, "unspecified", $"{Join(missing)} {(missing.Count == 1 ? "is" : "are")} not stated and shown as \"unspecified\"");
        }

        var summarySection = sections.FirstOrDefault(s => s.Kind == SectionKind.Summary);
        var stats = StatsReader.Read(sections.FirstOrDefault(s => s.Kind == SectionKind.Stats));
        var tags = fields.List("tags").Concat(fields.List("categories")).Concat(fields.List("keywords"))
            .Select(FacetName.Of).Concat(stats.Category is { } c ? [FacetName.Of(c)] : []).Where(t => t.Length > 0).Distinct().ToList();
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

        var published = JekyllPublished(fields) ? null : fields.Date("published");
        var nearMiss = fields.Bool("near_miss");
        var visibility = fields.Visibility();
        var summary = fields.Optional("summary") ?? fields.Optional("description");
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
            Authors = fields.List("authors") is { Count: > 0 } authors ? authors : fields.List("author"),
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
    /// The incident date, from the first place that gives one: a 'date' field or header line, a Date section, the file or
    /// folder name, the earliest dated timeline entry, the first date written in the summary or the rest of the text. A date
    /// found only in prose is a warning that says which was taken, for the author to state it.
    /// </summary>
    private static DateOnly? DateOf(string file, FieldReader fields, FileNameInference inferred, IReadOnlyList<Section> sections,
        IReadOnlyList<TimelineEntry> timeline, DiagnosticBag diagnostics)
    {
        if (fields.Date("date") is { } stated)
        {
            return stated;
        }

        if (sections.FirstOrDefault(s => s.Kind == SectionKind.Other && MetadataLabels.FieldOf(s.Heading) == "date") is { } dateSection
            && WrittenDates.FindFirst(dateSection.Text) is { } inSection)
        {
            if (inSection.Date.Choice is { } choice)
            {
                diagnostics.Warning(file, dateSection.Line, "date-choice", choice);
            }

            return inSection.Date.Date;
        }

        if (inferred.Date is { } named)
        {
            return named;
        }

        // A timeline may open with a cause long before the incident; where the name gives the year, the incident is in it.
        var days = timeline.Select(e => e.Day).OfType<DateOnly>().ToList();
        var inYear = days.Where(d => d.Year == inferred.Year).ToList();
        if ((inYear.Count > 0 ? inYear : days) is { Count: > 0 } candidates)
        {
            return candidates.Min();
        }

        var summary = sections.FirstOrDefault(s => s.Kind == SectionKind.Summary);
        foreach (var section in (IEnumerable<Section>)(summary is null ? sections : [summary, .. sections]))
        {
            if (WrittenDates.FindFirst(section.Text) is { } written)
            {
                var excerpt = section.Text.Substring(written.Index, Math.Min(40, section.Text.Length - written.Index)).Split('\n')[0];
                diagnostics.Warning(file, section.Line, "prose-date",
                    $"no date is stated; {written.Date.Date:yyyy-MM-dd} is taken from the text (\"{excerpt}\"){(written.Date.Choice is { } c ? "; " + c : "")} — state it in a 'date' field or a 'Date:' line");
                return written.Date.Date;
            }
        }

        return null;
    }

    /// <summary>
    /// The fields, completed by small sections that hold metadata rather than prose ("## Authors", "## Status",
    /// "## Severity"); what front matter or header lines state wins.
    /// </summary>
    private static IReadOnlyDictionary<string, RawField> WithMetadataSections(IReadOnlyDictionary<string, RawField> fields, IReadOnlyList<Section> sections)
    {
        Dictionary<string, RawField>? completed = null;
        foreach (var section in sections.Where(s => s.Kind == SectionKind.Other))
        {
            if (MetadataLabels.FieldOf(section.Heading) is not ({ } key and ("authors" or "reviewers" or "status" or "severity" or "services" or "tags"))
                || fields.ContainsKey(key) || completed?.ContainsKey(key) == true)
            {
                continue;
            }

            var values = SectionValues(section);
            if (values.Count == 0)
            {
                continue;
            }

            completed ??= new Dictionary<string, RawField>(fields, StringComparer.OrdinalIgnoreCase);
            completed[key] = key is "status" or "severity"
                ? new RawField(key, values[0], null, section.Line + 1)
                : new RawField(key, null, values, section.Line + 1);
        }

        return completed ?? fields;
    }

    /// <summary>The values a metadata section lists: its list's items, else the comma-separated words of its first lines.</summary>
    private static List<string> SectionValues(Section section)
    {
        if (section.Blocks.FirstOrDefault() is ListBlock list)
        {
            return list.OfType<ListItemBlock>()
                .Select(item => item.OfType<ParagraphBlock>().FirstOrDefault() is { } p ? PlainText.Of(p.Inline).Trim() : "")
                .Where(v => v.Length is > 0 and <= 120)
                .ToList();
        }

        var firstLine = section.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return firstLine.Length is 0 or > 200 ? [] : FieldValues.List(firstLine).ToList();
    }

    // Jekyll's "published: false" keeps a page unpublished: a draft, not a publication date.
    private static bool JekyllPublished(FieldReader fields) =>
        fields.OptionalQuiet("published") is { } text && FieldValues.Bool(text) is not null;

    private static bool JekyllDraft(FieldReader fields) =>
        (fields.OptionalQuiet("draft") is { } draft && FieldValues.Bool(draft) == true)
        || (fields.OptionalQuiet("published") is { } published && FieldValues.Bool(published) == false);

    private static string Join(List<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words[..^1]) + " and " + words[^1];

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
