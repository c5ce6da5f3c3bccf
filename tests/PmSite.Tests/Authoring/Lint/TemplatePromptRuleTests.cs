using PmSite.Authoring.Lint.Rules;

namespace PmSite.Tests.Authoring.Lint;

public sealed class TemplatePromptRuleTests
{
    [Theory]
    [InlineData("[In 2-3 sentences: what happened, the impact, and how it was resolved.]", "[In 2-3 sentences: what happened, the impact, and how it was resolved.]")]
    [InlineData("- **Affected users**: [number/percentage of users affected]", "[number/percentage of users affected]")]
    [InlineData("[Where detection, response or safeguards fell short.]", "[Where detection, response or safeguards fell short.]")]
    public void Flags_prompts_left_in_place(string text, string prompt)
    {
        var finding = Assert.Single(LintKit.Run(new TemplatePromptRule(), LintKit.With(text)));

        Assert.StartsWith("fill this in: ", finding.Message, StringComparison.Ordinal);
        Assert.Equal(prompt, finding.Phrase);
        Assert.Equal(text.IndexOf(prompt, StringComparison.Ordinal) + 1, finding.Column);
    }

    [Theory]
    [InlineData("The service returned [redacted] to some users.")]
    [InlineData("See [the runbook](https://example.com/runbook) for the steps.")]
    [InlineData("[x]")]
    public void Does_not_flag_text_with_brackets(string text)
    {
        Assert.Empty(LintKit.Run(new TemplatePromptRule(), LintKit.With(text)));
    }
}
