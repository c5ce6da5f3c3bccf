using System.Collections.Concurrent;
using System.Collections.Immutable;
using PmSite.Content;
using PmSite.Incremental;
using PmSite.Model;
using PmSite.Pipelines;
using PmSite.Related;
using PmSite.Rendering;

namespace PmSite.Modules;

/// <summary>
/// One page per post-mortem at <c>/incidents/&lt;id&gt;/</c>: metadata panel, summary, rendered body with
/// structured timeline and action items, related incidents and backlinks. Also copies files the bodies link to.
/// </summary>
public sealed class RenderIncidentPages : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var knowledgeBase = BuildKnowledgeBase.From(context);
        var site = context.Get<SiteRenderer>();
        var input = context.Get<InputFolder>();
        var related = FindRelatedIncidents.From(context);
        var bySource = knowledgeBase.PostMortems.ToDictionary(p => p.SourcePath, StringComparer.Ordinal);
        var copies = new ConcurrentDictionary<string, Document>(StringComparer.Ordinal);
        var pages = new Document[knowledgeBase.PostMortems.Count];
        var cache = context.Get<BuildCache>();
        var keys = new IncidentPageKeys(site, cache.Parsed, knowledgeBase, related, cache.Views?.Shells);
        Parallel.For(0, pages.Length, new ParallelOptions { CancellationToken = context.CancellationToken }, i =>
        {
            var postMortem = knowledgeBase.PostMortems[i];
            var links = ResolveLinks(postMortem, bySource, input, site.Urls, site.Views.IsPublic, copies, context);
            if (postMortem.Source == MetadataSource.Pdf && !site.Views.IsPublic)
            {
                // The page links to the original document: the site carries a copy of it.
                var destination = Parsing.Pdf.PdfPostMortem.CopyPath(postMortem);
                copies.TryAdd(destination, new Document { Destination = destination, CopyFrom = Path.Combine(input.Root, postMortem.SourcePath) });
            }

            var page = site.Views.Page(postMortem.Title, SiteUrls.IncidentPath(postMortem.Id), "incident", site.Views.Summary(postMortem).Summary);
            pages[i] = site.Page("incident", page, keys.Of(postMortem, page, links), () =>
            {
                var body = new BodyRenderer(site.Theme, url => links.GetValueOrDefault(url), MentionUrl(knowledgeBase, postMortem, site.Urls), site.Views)
                    .Render(postMortem);
                return IncidentPage.Build(postMortem, body, related, site);
            });
        });

        return Task.FromResult(pages.Concat(copies.Values.OrderBy(d => d.Destination, StringComparer.Ordinal)).ToImmutableArray());
    }

    /// <summary>The page of a mentioned incident id, if it is another post-mortem of the site.</summary>
    private static Func<string, string?> MentionUrl(KnowledgeBase knowledgeBase, PostMortem self, SiteUrls urls) =>
        id => knowledgeBase.Find(id) is { } other && other != self ? urls.Incident(other) : null;

    /// <summary>
    /// Resolves every link of a body: to another post-mortem's source file → its page; to another file in the input → a
    /// copy under <c>files/</c> (in the public edition only if the leak verifier can read it, else inert with a warning,
    /// <c>attachment-withheld</c>); unsafe schemes left to the renderer, which shows them as text; a bare host name → its
    /// web link, with a warning. A link to a file
    /// that is not there or lies outside the input folder (symbolic links followed) is a warning and marked missing
    /// (<see cref="MissingLink"/>): nothing outside the input folder is read or copied.
    /// </summary>
    private static Dictionary<string, string> ResolveLinks(
        PostMortem postMortem, Dictionary<string, PostMortem> bySource, InputFolder input, SiteUrls urls, bool isPublic,
        ConcurrentDictionary<string, Document> copies, IExecutionContext context)
    {
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (url, line) in postMortem.Links)
        {
            if (string.IsNullOrEmpty(url) || resolved.ContainsKey(url))
            {
                continue;
            }

            if (LinkTarget.PathOf(url, out var cut) is not { } target)
            {
                continue;
            }

            var suffix = cut >= 0 && url[cut] == '#' ? url[cut..] : "";
            var found = LinkTarget.Find(input, postMortem.SourcePath, target);
            if (cut >= 0 && found.Relative is null
                && LinkTarget.Find(input, postMortem.SourcePath, Uri.UnescapeDataString(url)) is { Relative: not null } whole)
            {
                // "<report #1.txt>": a file whose name holds '#' or '?' is found under its whole name.
                (found, suffix) = (whole, "");
            }

            switch (found)
            {
                case { Relative: { } relative } when bySource.TryGetValue(relative, out var other):
                    resolved[url] = urls.Incident(other) + suffix;
                    break;
                case { Relative: { } relative } when isPublic && !Redaction.AttachmentText.CanRead(Path.Combine(input.Root, relative)):
                    context.Diagnostics.Warning(postMortem.SourcePath, line + 1, "attachment-withheld",
                        $"'{target}' cannot be read to check it for sensitive values (only text, gzip and office documents can), so the public edition leaves it out; its link is shown as text");
                    resolved[url] = MissingLink.Of("Withheld: this attachment cannot be checked for sensitive values, so the public edition leaves it out");
                    break;
                case { Relative: { } relative }:
                    var destination = "files/" + relative;
                    copies.TryAdd(destination, new Document { Destination = destination, CopyFrom = Path.Combine(input.Root, relative) });
                    resolved[url] = urls.Link(destination) + suffix;
                    break;
                case var missing:
                    resolved[url] = missing.Unresolved(url, postMortem.SourcePath, line + 1, context.Diagnostics);
                    break;
            }
        }

        return resolved;
    }
}

/// <summary>
/// The cache key of an incident page, computed without rendering its body: the page view, everything of the page
/// model but the body (summary, related incidents, counts), and what the body is rendered from — the file's content
/// hash, the settings, the build date and where its links lead. In a preview session the model without the body is
/// hashed again only when its post-mortem or what it shows of others (related incidents, recurring theme) changed.
/// </summary>
internal sealed class IncidentPageKeys(SiteRenderer site, ParseCache parsed, KnowledgeBase knowledgeBase, RelatedIncidents related,
    System.Runtime.CompilerServices.ConditionalWeakTable<PostMortem, IncidentShell>? shells = null)
{
    private static readonly RenderedBody s_noBody = new(DeferredHtml.Empty, []);
    private readonly string? _settings = site.Cache is null ? null : Fingerprint.Json(site.Settings);
    private readonly ConcurrentDictionary<RecurringTheme, string> _themes = new(ReferenceEqualityComparer.Instance);

    public string? Of(PostMortem postMortem, PageView page, Dictionary<string, string> links)
    {
        if (site.Cache is not { } cache || _settings is null || parsed.HashOf(postMortem.SourcePath) is not { } hash)
        {
            return null;
        }

        var shell = Shell(postMortem, cache);
        if (shell is null)
        {
            return null;
        }

        var linkList = string.Join('\n', links.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "\t" + l.Value));
        // Ids the body mentions become links only while those post-mortems exist.
        var mentions = string.Join('\n', postMortem.MentionedIds.Where(id => knowledgeBase.Find(id) is not null).Order(StringComparer.Ordinal));
        // The rest of the key follows from the post-mortem and the views the kept shell belongs to: in a session, a shell
        // kept with its key keeps it while the theme and settings (the salt), links and mentions are unchanged.
        var keyed = (cache.Salt, linkList, mentions);
        if (shell.Key is { } kept && kept.For == keyed)
        {
            return kept.Key;
        }

        var pageHash = cache.Models.Of(page);
        if (pageHash is null)
        {
            return null;
        }

        var now = site.Views.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var key = cache.KeyOf("incident", pageHash, shell.Hash, hash, linkList, mentions, _settings, now, postMortem.SourcePath);
        if (shells is not null)
        {
            shells.AddOrUpdate(postMortem, shell with { Key = (keyed, key) });
        }

        return key;
    }

    private IncidentShell? Shell(PostMortem postMortem, PageCache cache)
    {
        if (shells is null)
        {
            return cache.Models.Of(IncidentPage.Build(postMortem, s_noBody, related, site)) is { } hash ? new IncidentShell([], null, hash) : null;
        }

        // What the page shows of other post-mortems, as IncidentPage.Build takes it; the rest comes from the post-mortem
        // itself (the key of the table) and the views the table belongs to. A summary view is the same object as long as
        // its post-mortem is unchanged, so comparing references is enough.
        var others = related.Of(postMortem).Select(r => (site.Views.Summary(r.PostMortem), r.Reasons)).ToArray();
        var theme = related.ThemeOf(postMortem) is { } recurring
            ? _themes.GetOrAdd(recurring, t => cache.Models.Of(Modules.RenderRecurringThemes.View(t, site)) ?? "")
            : null;
        if (shells.TryGetValue(postMortem, out var kept) && theme != "" && kept.IsFor(others, theme))
        {
            return kept;
        }

        var fresh = cache.Models.Of(IncidentPage.Build(postMortem, s_noBody, related, site));
        if (fresh is null)
        {
            return null;
        }

        var shell = new IncidentShell(others, theme, fresh);
        shells.AddOrUpdate(postMortem, shell);
        return shell;
    }
}
