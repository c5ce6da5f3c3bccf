using System.Net;
using System.Text.RegularExpressions;
using PmSite.Building;
using PmSite.Diagnostics;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Building;

/// <summary>
/// Real teams' folders, built exactly as they are: every post-mortem gets a page with the title and date a reader would
/// give it (the truth files in <c>Corpora/</c>, written by hand), and <c>--strict</c> fails on the same folders.
/// </summary>
public sealed partial class AdoptedCorpusTests
{
    [CorpusFact("dfds")]
    public Task Dfds_builds_completely() => BuildsCompletely("dfds");

    [CorpusFact("usdigitalresponse-univaf")]
    public Task Univaf_builds_completely() => BuildsCompletely("usdigitalresponse-univaf");

    [CorpusFact("berkeley-dsep-infra-datahub")]
    public Task Datahub_builds_completely() => BuildsCompletely("berkeley-dsep-infra-datahub");

    [CorpusFact("comdex-official-incident-reports")]
    public Task Comdex_builds_completely() => BuildsCompletely("comdex-official-incident-reports");

    [CorpusFact("govuk-one-login-account-interventions-service")]
    public Task Govuk_builds_completely() => BuildsCompletely("govuk-one-login-account-interventions-service");

    private static async Task BuildsCompletely(string corpus)
    {
        var truth = File.ReadAllLines(Path.Combine(Repo.Root, "tests", "PmSite.Tests", "Building", "Corpora", corpus + ".tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToDictionary(cells => cells[0], cells => (Date: cells[1], Title: cells[2]), StringComparer.Ordinal);
        using var temp = new TempFolder();
        var output = temp.Combine("site");

        var result = await SiteFixture.BuildAsync(Repo.Corpus(corpus), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error)));
        Assert.Equal(truth.Count, result.PostMortems);
        var pages = Directory.GetFiles(Path.Combine(output, "incidents"), "index.html", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .ToDictionary(html => WebUtility.HtmlDecode(Source().Match(html).Groups[1].Value), StringComparer.Ordinal);
        foreach (var (file, expected) in truth)
        {
            Assert.True(pages.TryGetValue(file, out var html), $"{corpus}/{file} has no page");
            Assert.Equal(expected.Title, WebUtility.HtmlDecode(Heading().Match(html).Groups[1].Value));
            var date = Date().Match(html);
            Assert.Equal(expected.Date, date.Success ? date.Groups[1].Value : "-");
            // The title is the page's one level-1 heading, even where the file writes its sections as "# Summary".
            Assert.Single(Regex.Matches(html, "<h1[ >]"));
        }

        // The same folder under --strict: every warning is an error, nothing is written.
        var strictOutput = temp.Combine("strict");
        var strict = await SiteBuild.RunAsync(new BuildOptions { InputFolder = Repo.Corpus(corpus), OutputFolder = strictOutput, ThemeFolder = Repo.Theme, Now = SiteFixture.Now, Strict = true });
        Assert.False(strict.Succeeded);
        Assert.Equal(result.Warnings + result.Errors, strict.Errors);
        Assert.Equal(0, strict.Warnings);
        Assert.False(Directory.Exists(strictOutput));
    }

    [GeneratedRegex("<dt>Source</dt><dd><code>(.*?)</code>")]
    private static partial Regex Source();

    [GeneratedRegex("<h1>(.*?)</h1>")]
    private static partial Regex Heading();

    [GeneratedRegex("<h1>.*?</h1>\\s*<p class=\"card-meta\">(?:(?!</p>).)*?<time datetime=\"([^\"]+)\"", RegexOptions.Singleline)]
    private static partial Regex Date();
}
