using System.Text.RegularExpressions;

namespace PmSite.Parsing;

/// <summary>Finds incident-id-shaped words ("INC-1003", "PM2021-005") in text; callers keep those that are real ids.</summary>
public static partial class IncidentMentions
{
    /// <summary>
    /// The distinct candidates of the texts (ignoring case) in the order first written, other than <paramref name="except"/>.
    /// Every section of every post-mortem is searched: matches are read as spans, and only a new id becomes a string.
    /// </summary>
    public static List<string> In(IEnumerable<string> texts, string except)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { except };
        var lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        var mentions = new List<string>();
        foreach (var text in texts)
        {
            foreach (var match in Candidate().EnumerateMatches(text))
            {
                var candidate = text.AsSpan(match.Index, match.Length);
                if (!lookup.Contains(candidate))
                {
                    var id = candidate.ToString();
                    seen.Add(id);
                    mentions.Add(id);
                }
            }
        }

        return mentions;
    }

    [GeneratedRegex(@"\b[A-Z][A-Z]{0,9}-?\d{1,6}(?:-\d{1,6})?\b")]
    internal static partial Regex Candidate();
}
