using System.Collections.Immutable;
using PmSite.Content;
using PmSite.Model;
using PmSite.Pipelines;

namespace PmSite.Modules;

/// <summary>
/// Checks what only the whole set can show (duplicate ids, dangling <c>related</c> ids) and builds the
/// <see cref="KnowledgeBase"/> every page pipeline reads. Outputs one document carrying it.
/// </summary>
public sealed class BuildKnowledgeBase : IModule
{
    public const string Key = "KnowledgeBase";

    /// <summary>The most tags, or services, one post-mortem has before it is warned about.</summary>
    public const int MaxFacetValues = 50;

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var postMortems = inputs.Select(d => d.Require<PostMortem>(ReadPostMortems.Key)).ToList();
        var unique = new List<PostMortem>();
        foreach (var group in postMortems.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            var copies = group.OrderBy(p => p.SourcePath, StringComparer.Ordinal).ToList();
            if (copies.Count > 1)
            {
                foreach (var copy in copies)
                {
                    var others = string.Join(", ", copies.Where(c => c != copy).Select(c => c.SourcePath));
                    context.Diagnostics.Error(copy.SourcePath, copy.FieldLines.GetValueOrDefault("id"), "duplicate-id",
                        $"id '{copy.Id}' is also used by {others}");
                }

                continue;
            }

            unique.Add(copies[0]);
        }

        var knowledgeBase = new KnowledgeBase(context.Get<SiteSettings>(), unique);
        foreach (var postMortem in knowledgeBase.PostMortems)
        {
            foreach (var related in postMortem.Related.Where(r => knowledgeBase.Find(r) is null && !IsDuplicate(r, postMortems)))
            {
                context.Diagnostics.Warning(postMortem.SourcePath, postMortem.FieldLines.GetValueOrDefault("related"), "dangling-related",
                    $"related id '{related}' is not the id of any post-mortem");
            }
        }

        foreach (var postMortem in knowledgeBase.PostMortems)
        {
            WarnPastFacetLimit(postMortem, "tags", postMortem.Tags.Count, context.Diagnostics);
            WarnPastFacetLimit(postMortem, "services", postMortem.Services.Count, context.Diagnostics);
        }

        foreach (var collision in knowledgeBase.Collisions)
        {
            var field = collision.Kind == "severity" ? "severity" : collision.Kind + "s";
            var path = collision.Kind switch { "tag" => "tags", "service" => "services", _ => "severity" } + "/" + collision.Slug + "/";
            context.Diagnostics.Warning(collision.PostMortem.SourcePath, collision.PostMortem.FieldLines.GetValueOrDefault(field), "facet-collision",
                $"{collision.Kind} '{collision.Value}' would share a page with {collision.Kind} '{collision.Other}'; its page is {path}");
        }

        // The site's views link every tag, service and severity to its page, which only the whole set settles.
        if (Views(context) is { } views)
        {
            views.Facets = knowledgeBase.Slugs;
        }

        return Task.FromResult(ImmutableArray.Create(Document.Empty.With(Key, knowledgeBase)));
    }

    /// <summary>
    /// More tags or services than any reader can take in, usually a list pasted into the wrong field. Each one is a page
    /// (two, with its other order), so a post-mortem past the limit is named, with the field's line.
    /// </summary>
    private static void WarnPastFacetLimit(PostMortem postMortem, string field, int count, Diagnostics.DiagnosticBag diagnostics)
    {
        if (count <= MaxFacetValues)
        {
            return;
        }

        var line = postMortem.FieldLines.GetValueOrDefault(field);
        if (line == 0 && field == "tags")
        {
            line = postMortem.FieldLines.GetValueOrDefault("categories", postMortem.FieldLines.GetValueOrDefault("keywords"));
        }

        diagnostics.Warning(postMortem.SourcePath, line, $"too-many-{field}",
            $"{count} {field} (more than {MaxFacetValues}); each makes a page of its own: keep the few that help a reader find the incident");
    }

    /// <summary>The site's views where pages are made; lint and search runs make none.</summary>
    private static Rendering.ViewFactory? Views(IExecutionContext context)
    {
        try
        {
            return context.Get<Rendering.SiteRenderer>().Views;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsDuplicate(string id, List<PostMortem> all) =>
        all.Any(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The knowledge base, read by a pipeline that depends on the content pipeline.</summary>
    public static KnowledgeBase From(IExecutionContext context) =>
        context.OutputsOf(SitePipelines.Content).Single().Require<KnowledgeBase>(Key);
}
