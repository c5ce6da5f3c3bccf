using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PmSite.Model;
using PmSite.Rendering;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Parsing;

/// <summary>A post-mortem lets its syntax tree go after reading; what is made from the body afterwards must not change.</summary>
public sealed class MarkdownBodyTests
{
    [Fact]
    public void A_released_body_renders_exactly_as_before_and_its_sections_keep_their_text()
    {
        var path = Directory.GetFiles(Path.Combine(Repo.SampleInput, "post-mortems"), "INC-1001*.md", SearchOption.AllDirectories).Single();
        var (postMortem, _) = ParseHelper.Parse("post-mortems/INC-1001.md", File.ReadAllText(path));
        Assert.NotNull(postMortem);
        var renderer = new BodyRenderer(new Theme(Repo.Theme), _ => null, _ => null,
            new ViewFactory(new PmSite.Model.SiteSettings(), new SiteUrls("/"), new DateOnly(2026, 1, 31), isPublic: false));
        var before = renderer.Render(postMortem);
        var kept = postMortem.Body.Tree;
        var links = postMortem.Body.Tree.Descendants<LinkInline>().Select(l => (l.Url, l.Line)).ToList();
        var texts = postMortem.Sections.Select(s => (s.Heading, s.Text, s.Prose)).ToList();

        postMortem.ReleaseSyntax();

        Assert.NotSame(kept, postMortem.Body.Tree);
        var after = renderer.Render(postMortem);
        Assert.Equal(before.Html.ToStringValue(), after.Html.ToStringValue());
        Assert.Contains("<h2 id=", after.Html.ToStringValue(), StringComparison.Ordinal);
        Assert.Equal(before.Toc, after.Toc);
        Assert.Equal(links, postMortem.Links);
        Assert.Equal(texts, postMortem.Sections.Select(s => (s.Heading, s.Text, s.Prose)).ToList());
        Assert.Throws<InvalidOperationException>(() => postMortem.Sections[0].Blocks);
        Assert.DoesNotContain(postMortem.Body.Tree, b => b is HeadingBlock { Level: 1 });
    }

    [Fact]
    public void Structured_tables_are_left_out_of_the_page_parse_only_where_the_page_stays_the_same()
    {
        const string body = """

            ## Summary

            The pool ran dry.[^1]

            [^1]: Twice that week.

            ## Timeline (UTC)

            | Time | Event |
            |---|---|
            | 10:00 | Alert fired |
            | 10:05 | Pool resized |

            ## Action items

            - Review the runbook

            | Action | Owner | Status |
            |---|---|---|
            | Add a pool limit | @ana | open |

            ### Low priority

            | Action | Owner | Status |
            |---|---|---|
            | Document the limit[^1] | @bo | open |

            ### High priority

            | Action | Owner | Status |
            |---|---|---|
            | Alert on pool use | @cy | done |
            """;
        var (postMortem, _) = ParseHelper.Parse("post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1", body: body));
        Assert.NotNull(postMortem);
        var renderer = new BodyRenderer(new Theme(Repo.Theme), _ => null, _ => null,
            new ViewFactory(new PmSite.Model.SiteSettings(), new SiteUrls("/"), new DateOnly(2026, 1, 31), isPublic: false));
        var whole = renderer.Render(postMortem).Html.ToStringValue();

        postMortem.ReleaseSyntax();
        var detached = postMortem.Body.Detached;
        var (tree, left) = postMortem.Body.ForPage();

        // The timeline and the last table are detached. The table right after a list, and the one whose footnote counts
        // across the page, stay in the parse.
        Assert.Equal([SectionKind.Timeline, SectionKind.ActionItems], detached.Select(t => t.Kind));
        Assert.Equal(["10:00", "10:05"], postMortem.Timeline.Skip(detached[0].Start).Take(detached[0].Count).Select(e => e.Time));
        Assert.Equal(["Alert on pool use"], postMortem.ActionItems.Skip(detached[1].Start).Take(detached[1].Count).Select(a => a.Action));
        Assert.Same(detached, left);
        Assert.Equal(2, tree.Descendants<Markdig.Extensions.Tables.Table>().Count());
        Assert.Equal(whole, renderer.Render(postMortem).Html.ToStringValue());
        Assert.Contains("Alert on pool use", whole, StringComparison.Ordinal);
    }

    [Fact]
    public void Prose_leaves_code_blocks_out_and_is_the_text_itself_when_there_are_none()
    {
        var (postMortem, _) = ParseHelper.Parse("post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1",
            body: "\n## Summary\n\nThe pool ran dry.\n\n## Root cause\n\nA leak.\n\n```\nSELECT count(*) FROM pg_stat_activity;\n```\n"));
        Assert.NotNull(postMortem);
        var summary = postMortem.Sections.Single(s => s.Heading == "Summary");
        var rootCause = postMortem.Sections.Single(s => s.Heading == "Root cause");
        Assert.Same(summary.Text, summary.Prose);
        Assert.Contains("pg_stat_activity", rootCause.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("pg_stat_activity", rootCause.Prose, StringComparison.Ordinal);
        Assert.Contains("A leak.", rootCause.Prose, StringComparison.Ordinal);
    }
}
