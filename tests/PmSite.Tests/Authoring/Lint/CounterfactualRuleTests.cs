using PmSite.Authoring.Lint.Rules;

namespace PmSite.Tests.Authoring.Lint;

public sealed class CounterfactualRuleTests
{
    [Theory]
    [InlineData("The on-call engineer should have responded faster.", "The on-call engineer should have")]
    [InlineData("I should have double-checked the config.", "I should have")]
    [InlineData("We should have tested this.", "We should have")]
    [InlineData("John failed to renew the certificate in time.", "John failed to")]
    [InlineData("If Sarah had checked the dashboard, the outage would have been shorter.", "If Sarah had")]
    [InlineData("The reviewer could have caught the missing finally block.", "The reviewer could have")]
    [InlineData("@dev.patel shouldn't have restarted every pod at once.", "@dev.patel shouldn't have")]
    [InlineData("Daniel was supposed to approve the rollback.", "Daniel was supposed to")]
    public void Flags_hindsight_about_a_person(string sentence, string phrase)
    {
        var finding = Assert.Single(LintKit.Run(new CounterfactualRule(), LintKit.With(sentence)));

        Assert.Equal(phrase, finding.Phrase);
        Assert.Equal(LintKit.MarkerLine, finding.Line);
        Assert.Equal(sentence.IndexOf(phrase, StringComparison.Ordinal) + 1, finding.Column);
    }

    [Theory]
    [InlineData("The alert should have fired at 70% but its threshold was 95%.")]
    [InlineData("Monitoring failed to detect the leak because no metric covered the pool.")]
    [InlineData("We should have a talk with the platform team about ingress ownership.")]
    [InlineData("How did our safeguards fail to prevent this?")]
    [InlineData("The runbook should have covered connection pool exhaustion.")]
    [InlineData("The deploy could have been rolled back in one click.")]
    public void Does_not_flag_systems_or_plans(string sentence)
    {
        Assert.Empty(LintKit.Run(new CounterfactualRule(), LintKit.With(sentence)));
    }
}
