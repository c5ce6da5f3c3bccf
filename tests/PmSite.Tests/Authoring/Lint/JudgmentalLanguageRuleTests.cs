using PmSite.Authoring.Lint.Rules;

namespace PmSite.Tests.Authoring.Lint;

public sealed class JudgmentalLanguageRuleTests
{
    [Theory]
    [InlineData("It was a careless mistake.", "careless")]
    [InlineData("The developer didn't test properly.", "didn't test properly")]
    [InlineData("The change was sloppy.", "sloppy")]
    [InlineData("Skipping the review was negligent.", "negligent")]
    [InlineData("I should have known better.", "should have known better")]
    [InlineData("The migration did not check the schema thoroughly.", "did not check the schema thoroughly")]
    public void Flags_words_that_judge_people(string sentence, string phrase)
    {
        var finding = Assert.Single(LintKit.Run(new JudgmentalLanguageRule(), LintKit.With(sentence)));

        Assert.Equal(phrase, finding.Phrase);
    }

    [Theory]
    [InlineData("The product page uses lazy loading for images.")]
    [InlineData("The test suite did not cover this case.")]
    [InlineData("Reviews are thorough and careful.")]
    [InlineData("Our testing strategy didn't catch this edge case.")]
    public void Does_not_flag_neutral_descriptions(string sentence)
    {
        Assert.Empty(LintKit.Run(new JudgmentalLanguageRule(), LintKit.With(sentence)));
    }
}
