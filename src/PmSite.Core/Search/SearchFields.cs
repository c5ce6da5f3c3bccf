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

    /// <summary>The text of each searchable field, in <see cref="All"/> order, as Lucene indexes it: the field's pieces joined by line breaks.</summary>
    public static IReadOnlyList<string> TextOf(PostMortem p)
    {
        var texts = new string[All.Count];
        for (var f = 0; f < texts.Length; f++)
        {
            texts[f] = string.Join("\n", PiecesOf(p, f));
        }

        return texts;
    }

    /// <summary>
    /// The text of one field (an index into <see cref="All"/>) in pieces: title, summary, each id, service and tag, each
    /// heading and section text. A line break always ends a word, so analysing the pieces one by one gives the very terms of
    /// analysing <see cref="TextOf"/>, without building the joined text.
    /// </summary>
    public static IEnumerable<string> PiecesOf(PostMortem p, int field) => field switch
    {
        0 => [p.Title],
        1 => [p.Summary ?? p.SectionOf(SectionKind.Summary)?.Text ?? ""],
        2 => [p.Id, .. p.Services, .. p.Tags],
        3 => Sections(p, cause: true),
        4 => Sections(p, cause: false),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static IEnumerable<string> Sections(PostMortem p, bool cause)
    {
        foreach (var section in p.Sections)
        {
            if (IsCause(section) == cause)
            {
                yield return section.Heading;
                yield return section.Text;
            }
        }
    }
}
