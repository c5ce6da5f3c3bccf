using System.Text.RegularExpressions;

namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// A prompt of the template still in place: a paragraph, list item or cell that is only "[what to write here]",
/// as <c>pmsite new</c> and the guide's template leave them.
/// </summary>
public sealed partial class TemplatePromptRule : ILintRule
{
    public string Name => "template-prompt";

    public string Description => "A template prompt such as \"[2-3 sentence summary …]\" that is still to be filled in.";

    public string Hint => "replace the bracketed prompt with what happened";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        // The pattern only matches text that ends with ']': checking that first spares running it on every block.
        foreach (var prose in document.Prose.Where(p => p.Text.EndsWith(']')))
        {
            var match = Prompt().Match(prose.Text);
            if (match.Success)
            {
                var prompt = match.Groups["prompt"];
                yield return document.Finding(this, prose, prompt.Index - 1, prompt.Length + 2,
                    $"fill this in: {prompt.Value.Trim()}", "replace the bracketed prompt with what happened");
            }
        }
    }

    /// <summary>Whether a block's text is only a prompt, so that "empty section" checks can ignore it.</summary>
    internal static bool IsPrompt(ReadOnlySpan<char> text) => Prompt().IsMatch(text.Trim());

    // "[prompt]" or "Label: [prompt]" (the guide's "**Affected users**: [number/percentage of users affected]").
    [GeneratedRegex(@"^(?:[^:\[\]]{1,40}:\s*)?\[(?<prompt>[^\[\]]{3,})\]$")]
    private static partial Regex Prompt();
}
