using PmSite.Model;

namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// Metadata a useful post-mortem carries beyond what the parser already requires (id, title, date, severity):
/// authors and services in front matter, authors and reviewers in the guide's template header; a Published one
/// also names its reviewers and its publication date (time to publish is a metric). A file with no metadata is
/// told once what to add.
/// </summary>
public sealed class RequiredFieldsRule : ILintRule
{
    public string Name => "required-fields";

    public string Description => "Front matter fields a post-mortem needs: authors, services; reviewers and published when Published.";

    public string Hint => "add front matter with id, title, date, severity, status, authors and services, and reviewers and published once Published (pmsite new writes a complete one)";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        var p = document.PostMortem;
        if (p.Source == MetadataSource.Inferred)
        {
            yield return document.Finding(this, 1, 1,
                "no metadata: id, title and date were inferred from the file name and text",
                "add front matter with id, title, date, severity, status, authors and services (pmsite new writes a complete one)");
            yield break;
        }

        var published = p.Status == "Published";
        var required = p.Source == MetadataSource.FrontMatter
            ? new List<(string Field, bool Present, string Why)>
            {
                ("authors", p.Authors.Count > 0, "list who wrote the post-mortem"),
                ("services", p.Services.Count > 0, "name the affected services; they drive the facets and related incidents"),
                ("reviewers", !published || p.Reviewers.Count > 0, "a Published post-mortem names who reviewed it"),
                ("published", !published || p.Published is not null, "a Published post-mortem gives its publication date (YYYY-MM-DD) for the time-to-publish metric"),
            }
            : [
                ("authors", p.Authors.Count > 0, "list who wrote the post-mortem in the **Author(s)** line"),
                ("reviewers", !published || p.Reviewers.Count > 0, "a Published post-mortem names who reviewed it in the **Reviewers** line"),
            ];
        foreach (var (field, present, why) in required.Where(r => !r.Present))
        {
            var line = document.LineOf(field);
            var message = p.FieldLines.ContainsKey(field) ? $"fill this in: '{field}' is empty" : $"fill this in: '{field}' is missing";
            yield return document.Finding(this, line, 1, message, why);
        }
    }
}
