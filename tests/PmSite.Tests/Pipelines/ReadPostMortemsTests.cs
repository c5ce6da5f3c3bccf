using PmSite.Content;
using PmSite.Incremental;
using PmSite.Model;
using PmSite.Modules;
using PmSite.Pipelines;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Pipelines;

/// <summary>Reading hands each post-mortem to the per-document steps while its syntax tree and text exist, then lets them go.</summary>
public sealed class ReadPostMortemsTests
{
    [Fact]
    public async Task Each_post_mortem_reaches_the_next_steps_with_its_tree_and_text_and_leaves_reading_without_them()
    {
        using var input = new TempFolder();
        for (var i = 1; i <= 3; i++)
        {
            input.Write($"post-mortems/INC-{i}.md", SiteFixture.PostMortem($"INC-{i}"));
        }

        var engine = new Engine();
        engine.Provide(new InputFolder(input.Path)).Provide(new SiteSettings()).Provide(new BuildCache(reuseOutput: false));
        var probe = new TreeProbe();
        var content = new Pipeline("Content");
        content.Input.Add(new ReadPostMortems(then: probe));
        engine.Add(content);

        var documents = (await engine.RunAsync())["Content"];

        Assert.Equal(3, documents.Length);
        Assert.Equal(3, probe.Seen);
        Assert.All(documents, document =>
        {
            Assert.Equal("probed", document.Get<string>(TreeProbe.Key));
            Assert.Throws<InvalidOperationException>(() => document.Get<PostMortem>(ReadPostMortems.Key)!.Sections[0].Blocks);
            Assert.Null(document.Get<ParsedFile>(ReadPostMortems.FileKey)!.Text);
        });
    }

    /// <summary>Counts the post-mortems that arrive with their section blocks and file text still there, and marks them.</summary>
    private sealed class TreeProbe : IDocumentModule
    {
        public const string Key = "Probe";
        private int _seen;

        public int Seen => _seen;

        public Document Execute(Document document, IExecutionContext context)
        {
            var postMortem = document.Get<PostMortem>(ReadPostMortems.Key)!;
            if (postMortem.Sections[0].Blocks.Count > 0 && document.Get<ParsedFile>(ReadPostMortems.FileKey)!.Text is { Length: > 0 })
            {
                Interlocked.Increment(ref _seen);
            }

            return document.With(Key, "probed");
        }
    }
}
