using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;

namespace PmSite.Authoring;

/// <summary>
/// <c>pmsite new</c>: a post-mortem from the guide's template — front matter filled in as far as it can be, every
/// section with a one-line prompt, and the next free id. The file parses cleanly; lint only asks to fill it in.
/// </summary>
public static partial class NewPostMortem
{
    /// <summary>The template sections, in the guide's order, each with the one-line prompt an author replaces.</summary>
    public static IReadOnlyList<(string Heading, string Prompt)> Sections { get; } =
    [
        ("Executive Summary", "In 2-3 sentences for leadership: what happened, the impact, and how service was restored."),
        ("Impact", "Who and what was affected, for how long and how badly: customers, business (revenue, SLA), systems and data."),
        ("Timeline", "Key events from the first trigger to the all-clear, one row each, with times in UTC."),
        ("Root Cause Analysis", "What happened technically, then ask why until you reach the gaps in systems and processes that allowed it."),
        ("What Went Well", "What worked (detection, communication, tooling, rollback) and should be kept."),
        ("What Went Wrong", "Where detection, response or safeguards fell short."),
        ("Where We Got Lucky", "What limited the damage by chance rather than by design."),
        ("Action Items", "Concrete, assigned, time-bound changes: one row each, with a single owner and a deadline."),
        ("Lessons Learned", "What the rest of engineering should take away from this incident."),
        ("Appendix", "Supporting material: graphs, logs, and metrics such as time to detect and time to resolve."),
    ];

    /// <summary>
    /// The next free id: the id prefix of pmsite.yml followed by one more than the highest number any post-mortem
    /// uses with that prefix (in its metadata or its file name), keeping the numbers' zero-padding.
    /// </summary>
    public static string NextId(InputFolder input, SiteSettings settings)
    {
        var pattern = new Regex("^" + Regex.Escape(settings.IdPrefix) + @"(\d+)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var highest = 0L;
        var width = 4;
        void Consider(string? id)
        {
            var match = id is null ? null : pattern.Match(id.Trim());
            if (match is { Success: true } && long.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var number) && number >= highest)
            {
                highest = number;
                width = match.Groups[1].Value.Length;
            }
        }

        if (Directory.Exists(input.Root))
        {
            var quiet = new DiagnosticBag();
            foreach (var path in input.PostMortemFiles(quiet))
            {
                Consider(Path.GetFileName(path));
                if (!Parsing.Pdf.PdfPostMortem.IsPdf(path) && input.ReadText(path, quiet) is { } text
                    && MetadataBlock.Read(input.Relative(path), text.Replace("\r\n", "\n"), quiet) is { } metadata
                    && metadata.Fields.TryGetValue("id", out var id))
                {
                    Consider(id.Value);
                }
            }
        }

        return settings.IdPrefix + (highest + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
    }

    /// <summary>
    /// Where a new post-mortem goes, relative to the input folder: <c>post-mortems/</c>, in a year folder when the
    /// existing ones are filed by year; a plain folder of post-mortems (no <c>post-mortems/</c>) gets it at its root.
    /// </summary>
    public static string PathFor(InputFolder input, string id, string title, DateOnly date)
    {
        var name = $"{id}-{ShortSlug(title)}.md";
        var folder = Path.Combine(input.Root, "post-mortems");
        if (!Directory.Exists(folder))
        {
            return Directory.Exists(input.Root) && input.PostMortemFiles(new DiagnosticBag()).Count > 0 ? name : "post-mortems/" + name;
        }

        var byYear = Directory.EnumerateDirectories(folder).Any(d => YearFolder().IsMatch(Path.GetFileName(d)));
        return byYear ? $"post-mortems/{date.Year.ToString(CultureInfo.InvariantCulture)}/{name}" : "post-mortems/" + name;
    }

    /// <summary>The file's text: front matter, then every template section with its prompt.</summary>
    public static string Render(string id, string title, DateOnly date, string severity, IReadOnlyList<string> services)
    {
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append("id: ").Append(id).Append('\n');
        text.Append("title: ").Append(Scalar(title)).Append('\n');
        text.Append("date: ").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("severity: ").Append(Scalar(severity)).Append('\n');
        text.Append("status: Draft\n");
        text.Append("authors: []\n");
        text.Append("reviewers: []\n");
        text.Append("services: [").Append(string.Join(", ", services.Select(Scalar))).Append("]\n");
        text.Append("tags: []\n");
        text.Append("related: []\n");
        text.Append("# detected: 2025-11-10T10:30:00Z   when the incident was noticed, with a time zone\n");
        text.Append("# resolved: 2025-11-10T12:45:00Z   when service was fully restored\n");
        text.Append("# published: 2025-11-12           the day this is published (aim for 72 hours after resolution)\n");
        text.Append("# visibility: public               only to include it in the public edition\n");
        text.Append("---\n");
        foreach (var (heading, prompt) in Sections)
        {
            text.Append("\n## ").Append(heading).Append("\n\n[").Append(prompt).Append("]\n");
            switch (heading)
            {
                case "Timeline":
                    text.Append("\n| Time (UTC) | Event | Who/What |\n|------------|-------|----------|\n");
                    break;
                case "Action Items":
                    text.Append("\n| Action | Owner | Deadline | Status | Ticket |\n|--------|-------|----------|--------|--------|\n");
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>A slug of the title short enough for a file name, cut at a word.</summary>
    private static string ShortSlug(string title)
    {
        var slug = Slug.Of(title);
        if (slug.Length <= 60)
        {
            return slug;
        }

        var cut = slug.LastIndexOf('-', 60);
        return slug[..(cut > 20 ? cut : 60)].TrimEnd('-');
    }

    /// <summary>A YAML scalar, double-quoted when plain YAML could misread it (colons, quotes, leading symbols).</summary>
    private static string Scalar(string value)
    {
        if (PlainScalar().IsMatch(value))
        {
            return value;
        }

        var escaped = new StringBuilder("\"");
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return escaped.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 ._\-/()]*$")]
    private static partial Regex PlainScalar();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearFolder();
}
