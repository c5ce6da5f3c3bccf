using System.Buffers;

namespace PmSite.Authoring.Lint.Language;

/// <summary>
/// Cheap first checks for the wording rules: most prose has none of these words, and a vectorised search for them
/// is far faster than running the rules' regular expressions over every block.
/// </summary>
internal static class Keywords
{
    /// <summary>Words without which no failure clause can match.</summary>
    public static readonly SearchValues<string> Failure = SearchValues.Create(
    [
        "forg", "ignor", "disregard", "overlook", "missed", "neglect", "skipped", "broke", "messed", "screwed", "botched",
        "finger", "typo", "mistyp", "misconfig", "misread", "untested", "faulty", "incorrect", "wrong", "defect", "invalid",
        "buggy", "bug", "regression", "destructive", "prod", "live", "mistake", "error", "bad ", "caused", "did not", "didn",
        "never", "was not", "wasn", "were not", "weren", "careless", "negligent", "sloppy", "lazy", "at fault", "blame",
        "responsible", "the ball", "accidental", "mistaken", "inadvertent", "nobody", "no one", "no-one",
    ], StringComparison.OrdinalIgnoreCase);

    /// <summary>Words without which no counterfactual can match.</summary>
    public static readonly SearchValues<string> Counterfactual = SearchValues.Create(
    [
        "should", "could", "ought", "failed to", "neglected to", "supposed to", "needed to", "if ", "had ",
    ], StringComparison.OrdinalIgnoreCase);

    /// <summary>Words without which no judgmental phrase can match.</summary>
    public static readonly SearchValues<string> Judgment = SearchValues.Create(
    [
        "careless", "negligen", "sloppy", "sloppiness", "lazy", "laziness", "incompeten", "reckless", "irresponsib", "stupid",
        "idiotic", "rookie", "known better", "without thinking", "paying attention", "lack of", "properly", "thoroughly",
        "carefully", "correctly", "adequately", "enough",
    ], StringComparison.OrdinalIgnoreCase);

    /// <summary>Words without which no human-error phrase can match.</summary>
    public static readonly SearchValues<string> HumanError = SearchValues.Create(["error", "mistake"], StringComparison.OrdinalIgnoreCase);

    public static bool Any(string text, SearchValues<string> words) => text.AsSpan().IndexOfAny(words) >= 0;
}
