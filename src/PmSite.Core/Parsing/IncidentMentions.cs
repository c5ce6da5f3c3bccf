using System.Text.RegularExpressions;

namespace PmSite.Parsing;

/// <summary>Finds incident-id-shaped words ("INC-1003", "PM2021-005") in text; callers keep those that are real ids.</summary>
public static partial class IncidentMentions
{
    public static IEnumerable<string> In(string text) =>
        Candidate().Matches(text).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b[A-Z][A-Z]{0,9}-?\d{1,6}(?:-\d{1,6})?\b")]
    internal static partial Regex Candidate();
}
