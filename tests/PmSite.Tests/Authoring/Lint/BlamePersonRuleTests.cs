using PmSite.Authoring.Lint.Rules;

namespace PmSite.Tests.Authoring.Lint;

public sealed class BlamePersonRuleTests
{
    [Theory]
    [InlineData("John deployed broken code to production.", "John deployed broken")]
    [InlineData("Sarah forgot to check the config before the rollout.", "Sarah forgot")]
    [InlineData("The on-call engineer ignored the alert for twenty minutes.", "The on-call engineer ignored")]
    [InlineData("DBA ran wrong query against the primary.", "DBA ran wrong")]
    [InlineData("Engineer typo'd the config value.", "Engineer typo'd")]
    [InlineData("@bob.okafor skipped the canary stage.", "@bob.okafor skipped")]
    [InlineData("Marta Kowalczyk missed the warning in the logs.", "Marta Kowalczyk missed")]
    [InlineData("Then Alice accidentally deleted the production table.", "Alice accidentally deleted")]
    [InlineData("Nobody noticed the disk filling up.", "Nobody noticed")]
    [InlineData("The developer didn't check the migration plan.", "The developer didn't check")]
    [InlineData("She made a mistake in the failover order.", "She made a mistake")]
    [InlineData("The database team missed the replication lag alert.", "The database team missed")]
    public void Flags_a_person_as_the_subject_of_a_failure(string sentence, string phrase)
    {
        var finding = Assert.Single(LintKit.Run(new BlamePersonRule(), LintKit.With(sentence)));

        Assert.Equal("blame-person", finding.Rule);
        Assert.Equal(phrase, finding.Phrase);
        Assert.Equal(LintKit.MarkerLine, finding.Line);
        Assert.Equal(sentence.IndexOf(phrase, StringComparison.Ordinal) + 1, finding.Column);
        Assert.False(string.IsNullOrWhiteSpace(finding.Hint));
    }

    [Theory]
    [InlineData("The deployment process allowed untested code to reach production.")]
    [InlineData("Our testing strategy didn't catch this edge case.")]
    [InlineData("The configuration review process was skipped under time pressure.")]
    [InlineData("The system lacked safeguards to prevent this class of error.")]
    [InlineData("The alerting threshold was too high to detect early warning signs.")]
    [InlineData("Alert fatigue from frequent false positives caused the alert to be missed.")]
    [InlineData("The on-call engineer acknowledged the page within three minutes.")]
    [InlineData("Tests written by the developer missed the leak.")]
    [InlineData("Kafka ignored the retention setting on the new topic.")]
    [InlineData("We did not monitor the pool's wait queue.")]
    [InlineData("Individual brokers broke past the 85% disk threshold.")]
    [InlineData("The pager woke the on-call engineer, who restarted the service.")]
    public void Does_not_flag_system_focused_sentences(string sentence)
    {
        Assert.Empty(LintKit.Run(new BlamePersonRule(), LintKit.With(sentence)));
    }

    [Fact]
    public void Finds_the_phrase_in_a_front_matter_summary_on_its_own_line()
    {
        var text = LintKit.With("Nothing else.").Replace("services: [payment-api]", "services: [payment-api]\nsummary: >-\n  Payments failed for 40 minutes\n  after Sarah forgot to renew the certificate.");

        var finding = Assert.Single(LintKit.Run(new BlamePersonRule(), text));

        var line = text.Split('\n')[finding.Line - 1];
        Assert.Equal("  after Sarah forgot to renew the certificate.", line);
        Assert.Equal(line.IndexOf("Sarah", StringComparison.Ordinal) + 1, finding.Column);
    }

    [Fact]
    public void Finds_the_phrase_where_it_is_written_in_a_table_cell_and_across_markup()
    {
        var text = LintKit.With("""
            | Time (UTC) | Event |
            |------------|-------|
            | 10:32 | **Sarah** forgot to page the database team |
            """);

        var finding = Assert.Single(LintKit.Run(new BlamePersonRule(), text));

        var line = text.Split('\n')[finding.Line - 1];
        Assert.Equal("| 10:32 | **Sarah** forgot to page the database team |", line);
        Assert.Equal(line.IndexOf("Sarah", StringComparison.Ordinal) + 1, finding.Column);
    }
}
