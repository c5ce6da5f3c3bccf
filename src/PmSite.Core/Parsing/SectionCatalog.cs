using System.Text.RegularExpressions;
using PmSite.Model;

namespace PmSite.Parsing;

/// <summary>Recognises a section by its heading, whatever synonym or decoration the author used.</summary>
internal static partial class SectionCatalog
{
    // Order matters: "what went wrong" must be tried before anything that could match "wrong".
    private static readonly (SectionKind Kind, string[] Names)[] s_synonyms =
    [
        (SectionKind.Summary, ["executive summary", "summary", "overview", "tl;dr", "tldr", "incident summary"]),
        (SectionKind.Impact, ["impact", "customer impact", "business impact", "user impact"]),
        (SectionKind.Timeline, ["timeline", "incident timeline", "chronology", "sequence of events"]),
        (SectionKind.RootCause, ["root cause", "root causes", "root cause analysis", "rca", "contributing factors",
            "contributing factor", "causes", "cause", "why it happened", "trigger"]),
        (SectionKind.WhatWentWell, ["what went well", "went well", "what worked", "things that went well"]),
        (SectionKind.WhatWentWrong, ["what went wrong", "went wrong", "what didn't go well", "what did not go well",
            "things that went wrong"]),
        (SectionKind.WhereWeGotLucky, ["where we got lucky", "got lucky", "lucky"]),
        (SectionKind.ActionItems, ["action items", "action item", "actions", "remediation", "remediations",
            "follow-ups", "follow ups", "followups", "follow-up items", "next steps", "corrective actions"]),
        (SectionKind.LessonsLearned, ["lessons learned", "lessons learnt", "lessons", "learnings", "takeaways", "key takeaways"]),
        (SectionKind.Appendix, ["appendix", "references", "supporting information"]),
        (SectionKind.Stats, ["stats", "statistics"]),
    ];

    /// <summary>The section a heading names, or <see cref="SectionKind.Other"/>.</summary>
    public static SectionKind Classify(string heading)
    {
        var name = Normalise(heading);
        foreach (var (kind, names) in s_synonyms)
        {
            if (names.Contains(name, StringComparer.Ordinal))
            {
                return kind;
            }
        }

        return SectionKind.Other;
    }

    /// <summary>
    /// Lower-cases and strips what decorates a heading without changing its meaning:
    /// numbering ("5."), trailing colons, parenthesised notes ("Contributing Factors (findings)"), emoji.
    /// </summary>
    private static string Normalise(string heading)
    {
        var text = heading.ToLowerInvariant().Replace('’', '\'');
        text = Parenthesised().Replace(text, " ");
        text = LeadingNumber().Replace(text, "");
        text = NonWord().Replace(text, " ");
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"^\s*(\d+[.)]|[ivx]+\.)\s*")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"[^a-z0-9;'\- ]")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
