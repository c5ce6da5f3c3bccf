using System.Globalization;
using System.Text.RegularExpressions;

namespace PmSite.Parsing;

/// <summary>
/// The severity scales teams commonly write (SEV0–SEV5, P0–P4, Critical/High/Medium/Low, Major/Minor), so that a folder
/// that declares no vocabulary still lists its most severe incidents first.
/// </summary>
public static partial class SeverityScale
{
    // Words on a scale of their own, most severe first; a number leaves room between them for the numbered scales.
    private static readonly Dictionary<string, double> s_words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["critical"] = 1, ["blocker"] = 1, ["emergency"] = 1,
        ["major"] = 2, ["high"] = 2, ["severe"] = 2,
        ["medium"] = 3, ["moderate"] = 3, ["normal"] = 3,
        ["minor"] = 4, ["low"] = 4,
        ["trivial"] = 5, ["informational"] = 5, ["info"] = 5, ["cosmetic"] = 5,
    };

    /// <summary>
    /// Where a value stands on its scale, 0 for the most severe level a team usually writes (SEV1, P1, Critical; SEV0
    /// and P0 too); null for a word on no known scale.
    /// </summary>
    public static int? Position(string severity) =>
        SortKey(severity) is { } key ? Math.Max(0, (int)Math.Floor(key) - 1) : null;

    /// <summary>The values in order, most severe first; values on no known scale follow, in ordinal order.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> values) =>
        values.Distinct(StringComparer.Ordinal)
            .OrderBy(v => SortKey(v) ?? double.MaxValue)
            .ThenBy(v => v, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// One spelling for one level, so that "critical" and "Critical", "sev1" and "SEV1" share a page: scale words
    /// capitalised, numbered levels in capitals; any other word as written.
    /// </summary>
    public static string Canonical(string severity)
    {
        // "P1 - Critical", "SEV2 (major)", "High (P2)": the level leads, the rest explains it.
        var t = Leading().Match(severity.Trim()) is { Success: true } lead && (s_words.ContainsKey(lead.Value) || Numbered().IsMatch(lead.Value))
            ? lead.Value
            : severity.Trim();
        if (s_words.ContainsKey(t))
        {
            return char.ToUpperInvariant(t[0]) + t[1..].ToLowerInvariant();
        }

        var numbered = Numbered().Match(t);
        if (!numbered.Success)
        {
            return t;
        }

        var prefix = numbered.Groups["scale"].Value.ToLowerInvariant() switch
        {
            "sev" or "severity" => "SEV",
            "p" or "priority" => "P",
            _ => "S",
        };
        return prefix + numbered.Groups["n"].Value;
    }

    private static double? SortKey(string severity)
    {
        var t = Canonical(severity);
        if (s_words.TryGetValue(t, out var word))
        {
            return word;
        }

        var numbered = Numbered().Match(t);
        return numbered.Success ? int.Parse(numbered.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^[\p{L}\d]+(?:[\s\-_]?\d)?(?=\s*(?:[-–—:(,]|$))")]
    private static partial Regex Leading();

    // "SEV1", "Sev 2", "SEV-3", "P1", "P 2", "S1", "Severity 2", "Priority 1".
    [GeneratedRegex(@"^(?<scale>sev(?:erity)?|p(?:riority)?|s)[\s\-_]*(?<n>[0-5])$", RegexOptions.IgnoreCase)]
    private static partial Regex Numbered();
}
