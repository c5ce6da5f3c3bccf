using PmSite.Authoring.Lint.Rules;

namespace PmSite.Tests.Authoring.Lint;

public sealed class RequiredSectionsRuleTests
{
    [Fact]
    public void A_complete_post_mortem_passes()
    {
        Assert.Empty(LintKit.Run(new RequiredSectionsRule(), LintKit.With("Nothing else.")));
    }

    [Theory]
    [InlineData("## Impact", "Impact")]
    [InlineData("## Timeline", "Timeline")]
    [InlineData("## What Went Well", "What Went Well")]
    [InlineData("## Lessons Learned", "Lessons Learned")]
    public void Reports_a_missing_section(string heading, string name)
    {
        var text = LintKit.With("Nothing else.").Replace(heading + "\n", "## Notes\n");

        var finding = Assert.Single(LintKit.Run(new RequiredSectionsRule(), text));

        Assert.Equal($"section \"{name}\" is missing", finding.Message);
    }

    [Theory]
    [InlineData("Published", "[What happened technically, then why.]", true)]
    [InlineData("Published", "", true)]
    [InlineData("Draft", "[What happened technically, then why.]", false)]
    [InlineData("Published", "A leak in a new code path.", false)]
    public void A_published_post_mortem_needs_a_root_cause(string status, string rootCause, bool flagged)
    {
        var body = LintKit.DefaultBody.Replace("A new code path opened connections without returning them to the pool on errors.", rootCause);

        var findings = LintKit.Run(new RequiredSectionsRule(), LintKit.PostMortem(body, status));

        Assert.Equal(flagged, findings.Any(f => f.Message.Contains("root cause", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Published", "", true)]
    [InlineData("Published", "summary: Pool exhausted for 40 minutes.", false)]
    [InlineData("Under Review", "", false)]
    public void A_published_post_mortem_needs_a_summary(string status, string extra, bool flagged)
    {
        var body = LintKit.DefaultBody.Replace("The payment API rejected payments for 40 minutes because its connection pool was exhausted.", "[2-3 sentences.]");

        var findings = LintKit.Run(new RequiredSectionsRule(), LintKit.PostMortem(body, status, extra));

        Assert.Equal(flagged, findings.Any(f => f.Message.Contains("summary", StringComparison.Ordinal)));
    }
}
