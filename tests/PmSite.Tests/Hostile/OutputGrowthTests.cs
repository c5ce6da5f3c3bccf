using AngleSharp.Html.Parser;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>
/// The output grows linearly with the input: a post-mortem with thousands of tags makes a page per tag, but the card
/// each of those pages shows is capped, so no page repeats every tag.
/// </summary>
public sealed class OutputGrowthTests
{
    private static string Tags(int count) => string.Join(", ", Enumerable.Range(1, count).Select(i => $"tag-{i:D5}"));

    private static async Task<(long Input, long Output, PmSite.Building.BuildResult Result)> BuildWithTagsAsync(TempFolder temp, string name, int tags)
    {
        var input = temp.Combine(name);
        temp.Write($"{name}/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1", extra: $"tags: [{Tags(tags)}]\nservices: [checkout-api]"));
        temp.Write($"{name}/post-mortems/INC-2.md", SiteFixture.PostMortem("INC-2", title: "Disk full", extra: "tags: [disk]"));
        var output = temp.Combine(name + "-site");
        var result = await SiteFixture.BuildAsync(input, output);
        return (FolderBytes(input), FolderBytes(output), result);
    }

    private static long FolderBytes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    [Fact]
    public async Task A_post_mortem_with_2000_tags_makes_output_linear_in_its_input()
    {
        using var temp = new TempFolder();

        var small = await BuildWithTagsAsync(temp, "small", 500);
        var large = await BuildWithTagsAsync(temp, "large", 2_000);

        Assert.True(large.Result.Succeeded, string.Join("\n", large.Result.Diagnostics.Take(5)));
        // Four times the tags: about four times the output, not sixteen. A quadratic site is ~400 MB here.
        var growth = (double)large.Output / small.Output;
        Assert.True(growth < 5.5, $"output grew {growth:0.0}x for 4x the tags ({small.Output:N0} → {large.Output:N0} bytes)");
        // And bounded by the input: a tag of ~10 input bytes may cost at most a few pages of output.
        Assert.True(large.Output < 2_500L * large.Input, $"{large.Output:N0} output bytes for {large.Input:N0} input bytes");
    }

    [Fact]
    public async Task A_card_shows_a_few_tags_and_says_how_many_more()
    {
        using var temp = new TempFolder();

        var (_, _, result) = await BuildWithTagsAsync(temp, "kb", 60);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var facet = new HtmlParser().ParseDocument(File.ReadAllText(temp.Combine("kb-site", "tags", "tag-00001", "index.html")));
        var card = facet.QuerySelector("[data-incident-id=INC-1]")!;
        var chips = card.QuerySelectorAll(".chip.tag").Select(c => c.TextContent).ToList();
        Assert.InRange(chips.Count, 1, 10);
        Assert.Equal("#tag-00001", chips[0]);
        Assert.Contains($"+{60 - chips.Count} more", card.TextContent, StringComparison.Ordinal);
        Assert.Single(card.QuerySelectorAll(".chip.service"));

        // The incident's own page still lists every tag.
        var incident = new HtmlParser().ParseDocument(File.ReadAllText(temp.Combine("kb-site", "incidents", "inc-1", "index.html")));
        Assert.Equal(60, incident.QuerySelectorAll("dl.meta .chip.tag").Length);
    }

    [Fact]
    public async Task Past_fifty_tags_a_post_mortem_is_warned_about_with_its_file_and_line()
    {
        using var temp = new TempFolder();

        var (_, _, many) = await BuildWithTagsAsync(temp, "many", 51);
        var (_, _, few) = await BuildWithTagsAsync(temp, "few", 50);

        var warning = Assert.Single(many.Diagnostics, d => d.Code == "too-many-tags");
        Assert.Equal(("post-mortems/INC-1.md", 7), (warning.File, warning.Line));
        Assert.Contains("51", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(few.Diagnostics, d => d.Code == "too-many-tags");
    }
}
