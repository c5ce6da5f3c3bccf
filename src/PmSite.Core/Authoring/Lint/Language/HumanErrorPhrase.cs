using System.Text.RegularExpressions;

namespace PmSite.Authoring.Lint.Language;

/// <summary>"Human error", "operator error" and their kin, and whether a sentence offers one as a cause.</summary>
public static partial class HumanErrorPhrase
{
    /// <summary>Every mention of a human-error phrase in <paramref name="text"/>.</summary>
    public static MatchCollection In(string text) => Phrase().Matches(text);

    /// <summary>
    /// Whether a sentence holding the phrase gives it as a cause ("human error caused the outage", "due to operator
    /// error", or a bare label such as "Root cause: human error") rather than as something to guard against
    /// ("safeguards against human error", "human error is never a root cause").
    /// </summary>
    public static bool IsGivenAsCause(string sentence)
    {
        if (Guarding().IsMatch(sentence))
        {
            return false;
        }

        var words = Words().Count(sentence);
        return words <= 4 || Causal().IsMatch(sentence);
    }

    [GeneratedRegex(@"\b(?:human|operator|user|engineer|engineering|developer|people|personnel|pilot|manual)[ -](?:error|mistake)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Phrase();

    [GeneratedRegex(@"\b(?:caus\w*|due\s+to|because|result(?:ed|s|ing)?\s+(?:of|from|in)|led\s+to|leads?\s+to|attribut\w*|blam\w*|trigger\w*|responsible|down\s+to|root|source\s+of|was\s+the|reason)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Causal();

    [GeneratedRegex(@"\b(?:never|beyond|rather\s+than|instead\s+of|not\s+just|more\s+than|against|prevent\w*|guard\w*|toleran\w*|resilien\w*|protect\w*|proof|mitigat\w*|absorb\w*|forgiv\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Guarding();

    [GeneratedRegex(@"[\w'’-]+")]
    private static partial Regex Words();
}
