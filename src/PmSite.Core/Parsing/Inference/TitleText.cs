using System.Text.RegularExpressions;
using PmSite.Model;

namespace PmSite.Parsing;

/// <summary>
/// Turns a heading or a <c>title</c> value into the post-mortem's title: the words a team put around it
/// (<c>Post-Mortem:</c>, <c>Incident Report for</c>, <c>Incident 001:</c>, <c>[Incident]</c>, a leading date, a template's
/// <c>{{ }}</c>) are taken off, and a heading that only holds a template's placeholder (<c># Title:</c>, <c># Metadata</c>,
/// <c># ISSUE NAME</c>, <c># [Date]: [Title]</c>) or a section's name (<c># Summary</c>) is no title at all.
/// </summary>
internal static partial class TitleText
{
    // What a template leaves for the author to replace.
    private static readonly HashSet<string> s_templateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "title", "name", "issue name", "incident name", "incident title", "untitled", "todo", "tbd", "template",
    };

    // Headings that name a part of the document, not the incident.
    private static readonly HashSet<string> s_placeholders = new(s_templateWords, StringComparer.OrdinalIgnoreCase)
    {
        "metadata", "meta data", "post-mortem", "postmortem", "post mortem", "incident report", "details", "incident details",
        "rca", "root cause analysis report", "description",
    };

    /// <summary>The title in <paramref name="text"/>, or null when it holds none.</summary>
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var t = Spaces().Replace(text, " ").Trim();
        t = Mustache().Replace(t, m => m.Groups["inner"].Value).Trim();
        for (var changed = true; changed && t.Length > 0;)
        {
            var stripped = LeadingDate().Replace(Prefix().Replace(TypeTag().Replace(t, ""), ""), "");
            changed = stripped != t;
            // What separated a removed prefix from the title goes with it; a title that starts with "-" keeps it.
            t = changed ? stripped.Trim().TrimStart(':', '-', '–', '—').Trim() : t;
        }

        if (t.Length == 0 || s_placeholders.Contains(t.TrimEnd(':', '.')) || Bracketed().IsMatch(t) || AllPlaceholders().IsMatch(t)
            || SectionCatalog.Classify(t) != SectionKind.Other || MetadataLabels.FieldOf(t) is not (null or "id"))
        {
            return null;
        }

        return t;
    }

    /// <summary>A heading a template left unfilled ("ISSUE NAME", "[Date]: [Title]", "&lt;title&gt;"): never part of the body.</summary>
    public static bool IsTemplatePlaceholder(string text)
    {
        var t = LeadingDate().Replace(Spaces().Replace(text, " ").Trim(), "").Trim().TrimEnd(':').Trim();
        return t.Length > 0 && (s_templateWords.Contains(t) || Bracketed().IsMatch(t) || AllPlaceholders().IsMatch(t));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\{\{\s*(?<inner>.*?)\s*\}\}")]
    private static partial Regex Mustache();

    // "[Incident] …", "[RCA] …", "[Postmortem] …": a label an issue template puts before the title.
    [GeneratedRegex(@"^\[(?:incident|post-?mortem|post mortem|rca|outage|hub incident)\]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex TypeTag();

    // "Post-Mortem: …", "Postmortem - …", "Incident Report: …", "Incident Report for …", "Incident 001: …", "002: …", "RCA: …", "Title: …".
    [GeneratedRegex(@"^(?:(?:incident\s+post[- ]?mortem|post[- ]?mortem(?:\s+report)?|incident\s+report|incident\s+review|post[- ]incident\s+review|pir|rca|title|incident|hendelsesrapport|h[æe]ndelsesrapport|avviksrapport|incidentrapport|st[öo]rungsbericht|vorfalls?bericht|rapport\s+d['’]incident|informe\s+de(?:l)?\s+incidente)(?:\s+(?:for|of|on|about)\s+|(?:\s+#?[A-Za-z]*-?\d+)?\s*[:\-–—]\s*)|#?\d{1,6}\s*[:\-–—]\s+)", RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();

    // "2017-02-09 - …", "2021-06-03: …", "[Date]: …".
    [GeneratedRegex(@"^(?:\d{4}-\d{2}-\d{2}|\[date\])\s*(?:[:\-–—]\s*|\s+)", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingDate();

    [GeneratedRegex(@"^(?:\[[^\]]*\]|<[^>]*>|\{[^}]*\})$")]
    private static partial Regex Bracketed();

    // "[Title]", "<Incident name>", "ISSUE NAME"-like template words in capitals alone.
    [GeneratedRegex(@"^(?:[A-Z]+\s+)?(?:NAME|TITLE)$")]
    private static partial Regex AllPlaceholders();
}
