using PmSite.Model;

namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// The guide's template sections are present; a Published post-mortem also has a summary and a root cause that
/// say something (not just the template's prompt).
/// </summary>
public sealed class RequiredSectionsRule : ILintRule
{
    private static readonly (SectionKind Kind, string Heading)[] s_required =
    [
        (SectionKind.Summary, "Executive Summary"),
        (SectionKind.Impact, "Impact"),
        (SectionKind.Timeline, "Timeline"),
        (SectionKind.RootCause, "Root Cause Analysis"),
        (SectionKind.WhatWentWell, "What Went Well"),
        (SectionKind.WhatWentWrong, "What Went Wrong"),
        (SectionKind.ActionItems, "Action Items"),
        (SectionKind.LessonsLearned, "Lessons Learned"),
    ];

    public string Name => "required-sections";

    public string Description => "The template's sections are present; Published needs a summary and a root cause.";

    public string Hint => "add the guide's template sections; a Published post-mortem needs a written summary and root cause";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        var p = document.PostMortem;
        var top = p.Sections.Count > 0 ? p.Sections[0].Line : 1;
        foreach (var (kind, heading) in s_required)
        {
            if (p.SectionOf(kind) is not null || (kind == SectionKind.Summary && p.FieldLines.ContainsKey("summary")))
            {
                continue;
            }

            yield return document.Finding(this, top, 1, $"section \"{heading}\" is missing", $"add a \"## {heading}\" section, as in the guide's template");
        }

        if (p.Status != "Published")
        {
            yield break;
        }

        var summary = p.SectionOf(SectionKind.Summary);
        if (!p.FieldLines.ContainsKey("summary") && summary is not null && IsEmpty(summary))
        {
            yield return document.Finding(this, summary.Line, 1, "a Published post-mortem needs a summary: the section is empty",
                "write 2-3 sentences for leadership: what happened, the impact, and how it was resolved");
        }

        var rootCause = p.SectionOf(SectionKind.RootCause);
        if (rootCause is not null && IsEmpty(rootCause))
        {
            yield return document.Finding(this, rootCause.Line, 1, "a Published post-mortem needs a root cause: the section is empty",
                "explain what happened technically, then ask why until you reach the gaps in systems and processes");
        }
    }

    /// <summary>A section with no text but template prompts.</summary>
    internal static bool IsEmpty(Section section)
    {
        foreach (var line in section.Text.AsSpan().Split('\n'))
        {
            var text = section.Text.AsSpan(line);
            if (text.Trim().Length > 0 && !TemplatePromptRule.IsPrompt(text))
            {
                return false;
            }
        }

        return true;
    }
}
