using PmSite.Authoring.Lint;

namespace PmSite.Tests.Authoring.Lint;

public sealed class LintSuppressionTests
{
    private const string Blame = "Sarah forgot to check the config.";

    [Theory]
    [InlineData("<!-- pmsite-lint-disable blame-person -->\n" + Blame, false)]
    [InlineData(Blame + " <!-- pmsite-lint-disable blame-person -->", false)]
    [InlineData("<!-- pmsite-lint-disable -->\n" + Blame, false)]
    [InlineData("<!-- pmsite-lint-disable counterfactual, blame-person -->\n" + Blame, false)]
    [InlineData("<!-- pmsite-lint-disable counterfactual -->\n" + Blame, true)]
    [InlineData("<!-- pmsite-lint-disable blame-person -->\n\nOther text.\n\n" + Blame, true)]
    [InlineData(Blame, true)]
    public void A_comment_on_the_line_or_the_line_before_silences_the_rule(string text, bool flagged)
    {
        var findings = LintKit.RunAll(LintKit.With(text));

        Assert.Equal(flagged, findings.Any(f => f.Rule == "blame-person"));
    }

    [Fact]
    public void A_yaml_comment_silences_a_front_matter_finding()
    {
        var late = LintKit.With("Nothing else.").Replace("published: 2025-11-12", "published: 2025-11-30");
        var silenced = LintKit.With("Nothing else.").Replace("published: 2025-11-12", "published: 2025-11-30  # pmsite-lint-disable time-to-publish");

        Assert.Contains(LintKit.RunAll(late), f => f.Rule == "time-to-publish");
        Assert.DoesNotContain(LintKit.RunAll(silenced), f => f.Rule == "time-to-publish");
    }

    [Fact]
    public void Every_rule_has_a_distinct_kebab_case_name_and_a_description()
    {
        Assert.Equal(Linter.Rules.Count, Linter.RuleNames.Count);
        Assert.All(Linter.Rules, rule =>
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", rule.Name);
            Assert.False(string.IsNullOrWhiteSpace(rule.Description));
        });
    }
}
