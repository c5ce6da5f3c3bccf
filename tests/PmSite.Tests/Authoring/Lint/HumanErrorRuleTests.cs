using PmSite.Authoring.Lint.Rules;

namespace PmSite.Tests.Authoring.Lint;

public sealed class HumanErrorRuleTests
{
    [Theory]
    [InlineData("Human error caused the outage.", "Human error")]
    [InlineData("The outage was due to operator error.", "operator error")]
    [InlineData("Root cause: human error.", "human error")]
    [InlineData("The incident was the result of a developer mistake during the failover.", "developer mistake")]
    [InlineData("Operator error.", "Operator error")]
    public void Flags_human_error_given_as_a_cause(string sentence, string phrase)
    {
        var finding = Assert.Single(LintKit.Run(new HumanErrorRule(), LintKit.With(sentence)));

        Assert.Equal(phrase, finding.Phrase);
        Assert.Equal(sentence.IndexOf(phrase, StringComparison.Ordinal) + 1, finding.Column);
    }

    [Theory]
    [InlineData("The system lacked safeguards against human error.")]
    [InlineData("Human error is never the root cause in a complex system.")]
    [InlineData("Destructive commands now ask for confirmation, so a human error cannot take down production.")]
    [InlineData("User errors (HTTP 4xx) rose while the new form was live.")]
    [InlineData("The console now prevents operator errors with a typed confirmation.")]
    public void Does_not_flag_guarding_against_it(string sentence)
    {
        Assert.Empty(LintKit.Run(new HumanErrorRule(), LintKit.With(sentence)));
    }
}
