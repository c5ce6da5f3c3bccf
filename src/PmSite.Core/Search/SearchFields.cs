using PmSite.Model;

namespace PmSite.Search;

/// <summary>A searchable field of a post-mortem and its weight; the browser index repeats these so both rank alike.</summary>
public sealed record SearchField(string Name, float Boost);

/// <summary>
/// What is searched and how much each part counts: title over summary over tags and services over root
/// cause and lessons over the rest of the body. The parsed post-mortem is indexed, never page chrome.
/// </summary>
public static class SearchFields
{
    public static readonly SearchField Title = new("title", 3f);
    public static readonly SearchField Summary = new("summary", 2f);
    public static readonly SearchField Keys = new("keys", 1.5f);
    public static readonly SearchField Cause = new("cause", 1.25f);
    public static readonly SearchField Body = new("body", 1f);

    /// <summary>In query-clause order: the browser sums field scores in this order too.</summary>
    public static readonly IReadOnlyList<SearchField> All = [Title, Summary, Keys, Cause, Body];

    // Facet fields: exact, lower-cased values, for filtering only.
    public const string SeverityFacet = "f_severity";
    public const string ServiceFacet = "f_service";
    public const string TagFacet = "f_tag";
    public const string YearFacet = "f_year";

    /// <summary>Sections that explain why: they form the cause field, weighted above the rest of the body.</summary>
    internal static bool IsCause(Section s) => s.Kind is SectionKind.RootCause or SectionKind.LessonsLearned;

    /// <summary>The text of each searchable field, in <see cref="All"/> order.</summary>
    public static IReadOnlyList<string> TextOf(PostMortem p)
    {
        static string Join(IEnumerable<Section> sections) => string.Join("\n\n", sections.Select(s => s.Heading + "\n" + s.Text));

        var summary = p.Summary ?? p.SectionOf(SectionKind.Summary)?.Text ?? "";
        var keys = string.Join("\n", new[] { p.Id }.Concat(p.Services).Concat(p.Tags));
        return [p.Title, summary, keys, Join(p.Sections.Where(IsCause)), Join(p.Sections.Where(s => !IsCause(s)))];
    }
}
